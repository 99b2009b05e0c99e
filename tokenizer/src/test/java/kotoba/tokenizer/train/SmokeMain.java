package kotoba.tokenizer.train;

public class SmokeMain {
  public static void main(String[] a) {
    long t = System.nanoTime();
    var corpus = new InMemorySentenceCorpus(Fixtures.weighted(Fixtures.multilingual(Integer.parseInt(a[1]), 1)));
    var res = a[2].equals("bpe") ? new BpeTrainer(Fixtures.bpe(Integer.parseInt(a[0]))).train(corpus)
        : new UnigramTrainer(Fixtures.unigram(Integer.parseInt(a[0]))).train(corpus);
    System.out.println((System.nanoTime()-t)/1e9 + " s");
    double sum=0; for (var p: res.pieces()) if (p.type()==kotoba.tokenizer.model.PieceType.NORMAL) sum+=Math.exp(p.score());
    System.out.println("sumexp="+sum+" n="+res.pieces().size());
    StringBuilder sb = new StringBuilder();
    for (var p : res.pieces()) sb.append(p.piece()).append(' ');
    System.out.println(sb);
  }
}
