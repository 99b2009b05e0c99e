package kotoba.corpus.dedup;

/** Short documents written for these tests. */
final class Prose {

    private Prose() {
    }

    static final String JA = "駅から少し歩いたところに、古い木造の本屋がある。店主は七十歳を過ぎているが、"
            + "毎朝六時に店の前を掃除してから棚の本を並べ直す。常連の客は、新しく入った古書の話を聞くために"
            + "わざわざ遠くから電車に乗ってやって来る。雨の日には店の奥で温かいお茶が出され、客同士が好きな作家に"
            + "ついて静かに語り合う。最近は若い学生も増えてきて、店主は嬉しそうに昔の文学全集を勧めている。"
            + "この店がいつまで続くのかは誰にも分からないが、町の人々はこの場所を大切に思っている。";

    static final String JA_OTHER = "今年の夏は例年よりも暑く、海辺の町には多くの観光客が集まった。漁師たちは"
            + "早朝に船を出し、昼前には港に戻って新鮮な魚を市場に並べる。子どもたちは砂浜で城を作り、夕方になると"
            + "花火の準備が始まる。祭りの夜には提灯が通りを明るく照らし、屋台からは焼きそばの香りが漂ってくる。"
            + "秋が近づくと観光客は少しずつ減り、町は再び静かな日常を取り戻していく。";

    static final String EN = "At the end of the harbour road there is a small workshop where an old man repairs "
            + "wooden boats. He starts every morning by sweeping the floor and sharpening his chisels, and he "
            + "refuses to use power tools for the fine work. Fishermen from the neighbouring villages bring him "
            + "cracked hulls and broken oars, and they usually stay for a cup of tea while he inspects the damage. "
            + "In winter the workshop is heated by a stove that burns the offcuts of oak and larch. Nobody knows "
            + "who will take over when he retires, but the village hopes that one of his apprentices will stay.";

    static final String EN_OTHER = "The spring festival in the mountain town lasts for three days. On the first "
            + "day the farmers bring their best cattle to the square, and children run between the stalls selling "
            + "honey and cheese. On the second day there is a long procession with drums and painted masks, and in "
            + "the evening the whole town gathers for a dance under strings of lanterns. The last day is quiet: "
            + "people clean the streets, share leftover food and talk about the weather for the coming harvest.";

    /** {@code text} with the characters at the given code-point indices replaced by {@code replacement}. */
    static String edit(String text, char replacement, int... positions) {
        int[] cps = text.codePoints().toArray();
        for (int p : positions) {
            cps[p] = replacement;
        }
        return new String(cps, 0, cps.length);
    }
}
