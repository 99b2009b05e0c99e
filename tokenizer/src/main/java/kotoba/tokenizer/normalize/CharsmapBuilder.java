package kotoba.tokenizer.normalize;

import java.text.Normalizer.Form;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import kotoba.tokenizer.model.NormalizerSpec;

/**
 * Compiles NFKC (optionally with lower-casing, optionally with "nmt" whitespace and control-character rules) into
 * spm's precompiled charsmap, using {@link java.text.Normalizer} over every code point, so that kotoba-trained
 * models normalize identically in kotoba and in spm_encode.
 *
 * <p>A charsmap is a greedy longest-match rewrite, so like spm's own tables it equals true NFKC only for text in
 * which combining marks are already in canonical order. Rules: every code point whose NFKC differs maps to its
 * NFKC; every multi-character decomposition that recomposes (e.g. "e" + U+0301) maps to the composed form.
 */
public final class CharsmapBuilder {
  private CharsmapBuilder() {}

  /** A normalization rule set; the name is what lands in NormalizerSpec.name. */
  public enum Rule {
    /** NFKC only. */
    NFKC("nfkc", false, false),
    /** NFKC, Unicode whitespace to ' ', other control characters removed (spm_train's default rule name). */
    NMT_NFKC("nmt_nfkc", true, false),
    /** NFKC then lower case (Locale.ROOT lower-casing; Java has no full Unicode case folding). */
    NFKC_CF("nfkc_cf", false, true),
    NMT_NFKC_CF("nmt_nfkc_cf", true, true);

    public final String specName;
    final boolean nmt;
    final boolean lower;

    Rule(String specName, boolean nmt, boolean lower) {
      this.specName = specName;
      this.nmt = nmt;
      this.lower = lower;
    }
  }

  private static final Map<Rule, Map<String, String>> RULES = new EnumMap<>(Rule.class);
  private static final Map<Rule, byte[]> CHARSMAPS = new EnumMap<>(Rule.class);

  /** The compiled charsmap for a rule (built once per JVM, a few seconds, then cached). */
  public static synchronized byte[] charsmap(Rule rule) {
    return CHARSMAPS.computeIfAbsent(rule, r -> PrecompiledCharsmap.build(rules(r))).clone();
  }

  /** spm's default normalizer spec fields with this rule's name and compiled charsmap. */
  public static NormalizerSpec spec(Rule rule) {
    return NormalizerSpec.defaults().withName(rule.specName).withPrecompiledCharsmap(charsmap(rule));
  }

  /** The source → replacement rules before compilation (exposed for tests and inspection); cached. */
  public static synchronized Map<String, String> rules(Rule rule) {
    return RULES.computeIfAbsent(rule, r -> java.util.Collections.unmodifiableMap(computeRules(r)));
  }

  private static Map<String, String> computeRules(Rule rule) {
    Map<String, String> map = new TreeMap<>();
    // Every code point whose NFKD is one other character, grouped by that character: the spellings a
    // decomposed sequence can arrive in (e.g. half-width ﾞ and combining U+3099 both decompose to U+3099).
    Map<Integer, List<Integer>> variants = new HashMap<>();
    Set<String> sequences = new TreeSet<>();
    for (int cp = 1; cp <= Character.MAX_CODE_POINT; cp++) {
      if (!Character.isDefined(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) continue;
      String c = Character.toString(cp);
      variants.computeIfAbsent(cp, k -> new ArrayList<>()).add(cp);
      // Most code points are fully decomposed already and thus fixed points of every rule: skip them fast.
      if (java.text.Normalizer.isNormalized(c, Form.NFKD) && (!rule.lower || c.toLowerCase(Locale.ROOT).equals(c))) {
        continue;
      }
      String target = normalize(c, rule);
      if (!target.equals(c)) map.put(c, target);
      String nfkd = java.text.Normalizer.normalize(c, Form.NFKD);
      if (nfkd.codePointCount(0, nfkd.length()) == 1) {
        variants.computeIfAbsent(nfkd.codePointAt(0), k -> new ArrayList<>()).add(cp);
      } else {
        sequences.add(nfkd);
        sequences.add(java.text.Normalizer.normalize(c, Form.NFD));
      }
    }
    // A decomposed sequence that recomposes (e.g. "e" + U+0301, "ｶﾞ") would otherwise be rewritten character by
    // character and stay decomposed; map each spelling of it to its normalized form.
    for (String seq : sequences) {
      int[] cps = seq.codePoints().toArray();
      if (cps.length < 2) continue;
      // Variant spellings only for base + one mark: longer ones (mostly Hangul jamo triples) multiply into
      // hundreds of thousands of rules that real text never contains.
      List<String> all = cps.length == 2 ? spellings(cps, variants) : List.of(seq);
      for (String spelling : all) {
        String target = normalize(spelling, rule);
        if (!target.equals(spelling)) map.putIfAbsent(spelling, target);
      }
    }
    if (rule.nmt) addNmtRules(map, rule);
    // Rules whose replacement is the source itself do nothing; dropping them keeps the table small.
    map.entrySet().removeIf(e -> e.getKey().equals(e.getValue()));
    return map;
  }

  /** All ways to spell a sequence with per-character variants, capped so rare long expansions stay bounded. */
  private static List<String> spellings(int[] cps, Map<Integer, List<Integer>> variants) {
    List<String> out = new ArrayList<>(List.of(""));
    for (int cp : cps) {
      List<Integer> vs = variants.getOrDefault(cp, List.of(cp));
      if (out.size() * vs.size() > 256) vs = List.of(cp);
      List<String> next = new ArrayList<>(out.size() * vs.size());
      for (String prefix : out) {
        for (int v : vs) next.add(prefix + Character.toString(v));
      }
      out = next;
    }
    return out;
  }

  private static String normalize(String s, Rule rule) {
    String n = java.text.Normalizer.normalize(s, Form.NFKC);
    if (rule.lower) n = java.text.Normalizer.normalize(n.toLowerCase(Locale.ROOT), Form.NFKC);
    return n;
  }

  /** Whitespace of any kind becomes ' ' (which the normalizer then collapses); invisible controls vanish. */
  private static void addNmtRules(Map<String, String> map, Rule rule) {
    for (int cp = 1; cp <= Character.MAX_CODE_POINT; cp++) {
      if (!Character.isDefined(cp)) continue;
      int type = Character.getType(cp);
      String c = Character.toString(cp);
      boolean space = type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x0B
          || cp == 0x0C || cp == 0x85;
      if (space) {
        map.put(c, " ");
      } else if (type == Character.CONTROL) {
        map.put(c, "");
      } else if (cp == 0x200B || cp == 0xFEFF) {
        // Zero-width space and byte-order mark: invisible, and a BOM often leaks into text files.
        map.put(c, "");
      }
    }
    // Replacements may themselves contain characters the nmt rules change (e.g. NFKC of U+2002 is a plain space).
    for (Map.Entry<String, String> e : map.entrySet()) {
      String v = e.getValue();
      if (!v.isEmpty() && !v.equals(" ")) {
        StringBuilder b = new StringBuilder();
        v.codePoints().forEach(cp -> {
          int t = Character.getType(cp);
          if (t == Character.CONTROL && cp != '\t' && cp != '\n' && cp != '\r') return;
          b.appendCodePoint(t == Character.SPACE_SEPARATOR ? ' ' : cp);
        });
        e.setValue(b.toString());
      }
    }
  }
}
