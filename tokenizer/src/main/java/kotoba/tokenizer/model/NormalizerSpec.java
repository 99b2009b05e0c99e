package kotoba.tokenizer.model;

import java.util.Arrays;

/**
 * SentencePiece's {@code NormalizerSpec}: how raw text is normalized before it is split into pieces.
 *
 * <p>{@code precompiledCharsmap} is spm's binary rule table (a darts-clone trie plus replacement strings); when
 * it is empty, no character mapping happens and only the whitespace rules below apply.
 */
public record NormalizerSpec(
    String name,
    byte[] precompiledCharsmap,
    boolean addDummyPrefix,
    boolean removeExtraWhitespaces,
    boolean escapeWhitespaces,
    String normalizationRuleTsv) {

  public NormalizerSpec {
    name = name == null ? "" : name;
    precompiledCharsmap = precompiledCharsmap == null ? new byte[0] : precompiledCharsmap.clone();
    normalizationRuleTsv = normalizationRuleTsv == null ? "" : normalizationRuleTsv;
  }

  /**
   * spm's proto defaults (field numbers 1..6), with the "identity" rule: no character mapping.
   * spm_train's own default rule is "nmt_nfkc"; kotoba builds that table with
   * {@code kotoba.tokenizer.normalize.CharsmapBuilder} rather than shipping spm's binary blob.
   */
  public static NormalizerSpec defaults() {
    return new NormalizerSpec(
        "identity", // 1 name: rule set name, informational once the charsmap is compiled in.
        new byte[0], // 2 precompiled_charsmap: empty = identity mapping.
        true, // 3 add_dummy_prefix: "▁" in front so a word's first piece looks like its mid-sentence form.
        true, // 4 remove_extra_whitespaces: trim and collapse runs of spaces.
        true, // 5 escape_whitespaces: ' ' -> '▁' so whitespace survives as part of pieces.
        ""); // 6 normalization_rule_tsv: source of a custom rule table, informational.
  }

  @Override
  public byte[] precompiledCharsmap() {
    return precompiledCharsmap.clone();
  }

  /** The charsmap without a defensive copy, for the normalizer's hot path; callers must not modify it. */
  byte[] charsmapUnsafe() {
    return precompiledCharsmap;
  }

  public NormalizerSpec withName(String v) {
    return new NormalizerSpec(v, precompiledCharsmap, addDummyPrefix, removeExtraWhitespaces, escapeWhitespaces, normalizationRuleTsv);
  }

  public NormalizerSpec withPrecompiledCharsmap(byte[] v) {
    return new NormalizerSpec(name, v, addDummyPrefix, removeExtraWhitespaces, escapeWhitespaces, normalizationRuleTsv);
  }

  public NormalizerSpec withAddDummyPrefix(boolean v) {
    return new NormalizerSpec(name, precompiledCharsmap, v, removeExtraWhitespaces, escapeWhitespaces, normalizationRuleTsv);
  }

  public NormalizerSpec withRemoveExtraWhitespaces(boolean v) {
    return new NormalizerSpec(name, precompiledCharsmap, addDummyPrefix, v, escapeWhitespaces, normalizationRuleTsv);
  }

  public NormalizerSpec withEscapeWhitespaces(boolean v) {
    return new NormalizerSpec(name, precompiledCharsmap, addDummyPrefix, removeExtraWhitespaces, v, normalizationRuleTsv);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NormalizerSpec s
        && name.equals(s.name)
        && Arrays.equals(precompiledCharsmap, s.precompiledCharsmap)
        && addDummyPrefix == s.addDummyPrefix
        && removeExtraWhitespaces == s.removeExtraWhitespaces
        && escapeWhitespaces == s.escapeWhitespaces
        && normalizationRuleTsv.equals(s.normalizationRuleTsv);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(precompiledCharsmap);
  }

  @Override
  public String toString() {
    return "NormalizerSpec[name=" + name + ", precompiledCharsmap=" + precompiledCharsmap.length + " bytes"
        + ", addDummyPrefix=" + addDummyPrefix + ", removeExtraWhitespaces=" + removeExtraWhitespaces
        + ", escapeWhitespaces=" + escapeWhitespaces + "]";
  }
}
