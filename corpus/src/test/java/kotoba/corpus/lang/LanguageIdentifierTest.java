package kotoba.corpus.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;

import org.junit.jupiter.api.Test;

class LanguageIdentifierTest {

    private static final Map<String, String> SAMPLES = Map.of(
            "en", "The library opens at nine in the morning, and most students arrive a little later with coffee.",
            "de", "Die Bibliothek öffnet um neun Uhr morgens, und die meisten Studenten kommen etwas später mit Kaffee.",
            "fr", "La bibliothèque ouvre à neuf heures du matin et la plupart des étudiants arrivent un peu plus tard.",
            "ja", "図書館は朝九時に開きますが、ほとんどの学生はコーヒーを持って少し遅れてやって来ます。",
            "zh", "图书馆早上九点开门，大多数学生会带着咖啡稍晚一些到达，然后一直学习到晚上。");

    private final LanguageIdentifier identifier = new LanguageIdentifier();

    @Test
    void identifiesEnglishGermanFrenchJapaneseAndChinese() {
        SAMPLES.forEach((lang, text) -> assertEquals(lang, identifier.identify(text), text));
    }

    @Test
    void shortOrLetterlessTextsAreUndetermined() {
        assertEquals(LanguageIdentifier.UNDETERMINED, identifier.identify("Hello"));
        assertEquals(LanguageIdentifier.UNDETERMINED, identifier.identify("こんにちは"));
        assertEquals(LanguageIdentifier.UNDETERMINED, identifier.identify("12345 67890 !!! ??? 2024-01-01 42"));
        assertEquals(LanguageIdentifier.UNDETERMINED, identifier.identify(""));
    }

    @Test
    void answersAreTheSameAcrossThreadsAndAfterSerialization() throws Exception {
        byte[] bytes;
        try (ByteArrayOutputStream buffer = new ByteArrayOutputStream();
             ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(identifier);
            out.flush();
            bytes = buffer.toByteArray();
        }
        LanguageIdentifier copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            copy = (LanguageIdentifier) in.readObject();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                for (Map.Entry<String, String> e : SAMPLES.entrySet()) {
                    expected.add(e.getKey());
                    results.add(pool.submit(() -> copy.identify(e.getValue())));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(expected.get(i), results.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
