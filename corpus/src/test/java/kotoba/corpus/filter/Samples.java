package kotoba.corpus.filter;

/** Documents written for the filter tests: ordinary prose that every filter must keep. */
final class Samples {

    private Samples() {
    }

    static final String JA = "駅から少し歩いたところに、古い木造の本屋がある。店主は七十歳を過ぎているが、"
            + "毎朝六時に店の前を掃除してから棚の本を並べ直す。\n常連の客は、新しく入った古書の話を聞くために"
            + "わざわざ遠くから電車に乗ってやって来る。雨の日には店の奥で温かいお茶が出され、客同士が好きな作家に"
            + "ついて静かに語り合う。\n\n最近は若い学生も増えてきて、店主は嬉しそうに昔の文学全集を勧めている。"
            + "「この本は、私が二十歳のときに初めて読んだものです」と彼は言う。この店がいつまで続くのかは誰にも"
            + "分からないが、町の人々はこの場所を大切に思っている。";

    static final String EN = "At the end of the harbour road there is a small workshop where an old man repairs "
            + "wooden boats. He starts every morning by sweeping the floor and sharpening his chisels, and he "
            + "refuses to use power tools for the fine work.\nFishermen from the neighbouring villages bring him "
            + "cracked hulls and broken oars, and they usually stay for a cup of tea while he inspects the damage. "
            + "\"It's not the wood that fails,\" he likes to say, \"it's the nails.\"\n\nIn winter the workshop is "
            + "heated by a stove that burns the offcuts of oak and larch. Nobody knows who will take over when he "
            + "retires, but the village hopes that one of his apprentices will stay.";

    static final String JA_NEWS_LIKE = "市は十日、来年度の予算案を発表した。総額は前年度比で三パーセント増え、"
            + "子育て支援と道路の補修に重点が置かれる。\n市長は記者会見で「生活に身近な分野に予算を回した」と"
            + "説明した。\n一方、図書館の開館時間の短縮については、利用者から反対の声が上がっている。\n"
            + "市議会は今月末から予算案の審議に入る予定だ。";
}
