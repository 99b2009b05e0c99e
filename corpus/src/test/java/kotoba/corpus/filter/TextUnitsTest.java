package kotoba.corpus.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TextUnitsTest {

    @Test
    void japaneseIsSplitIntoCharactersAndPunctuationIsNotAUnit() {
        TextUnits.Split split = TextUnits.split("コーヒーを飲む。");
        assertEquals(List.of("コ", "ー", "ヒ", "ー", "を", "飲", "む"), split.units());
        assertTrue(split.mostlyUnsegmented());
    }

    @Test
    void spacedScriptsAreSplitIntoWordsKeepingApostrophesAndHyphens() {
        TextUnits.Split split = TextUnits.split("Don't stop, well-known café — 42 times!");
        assertEquals(List.of("Don't", "stop", "well-known", "café", "42", "times"), split.units());
        assertFalse(split.mostlyUnsegmented());
    }

    @Test
    void mixedTextSwitchesUnitAtTheScriptBoundary() {
        assertEquals(List.of("Java", "で", "書", "く", "Spark"), TextUnits.split("Javaで書くSpark").units());
    }

    @Test
    void thaiVowelMarksStayWithTheirConsonant() {
        // "กิน" (to eat): consonant + vowel sign, then a consonant
        assertEquals(List.of("กิ", "น"), TextUnits.split("กิน").units());
    }
}
