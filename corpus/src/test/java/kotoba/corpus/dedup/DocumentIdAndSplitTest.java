package kotoba.corpus.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class DocumentIdAndSplitTest {

    @Test
    void idIsTheLeading128BitsOfSha256OfTheUtf8Text() throws Exception {
        String text = "吾輩の家の猫は毎朝六時に起こしに来る。";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        String expected = HexFormat.of().formatHex(digest).substring(0, 32);

        assertEquals(expected, DocumentId.of(text));
    }

    @Test
    void idOfTheEmptyStringMatchesTheWellKnownSha256Prefix() {
        // SHA-256("") is a published constant: e3b0c442 98fc1c14 9afbf4c8 996fb924 ...
        assertEquals("e3b0c44298fc1c149afbf4c8996fb924", DocumentId.of(""));
    }

    @Test
    void differentTextsGetDifferentIdsAndEqualTextsEqualIds() {
        assertEquals(DocumentId.of("same text"), DocumentId.of(new String("same text")));
        assertNotEquals(DocumentId.of("same text"), DocumentId.of("same text."));
    }

    @Test
    void splitFollowsTheRequestedFractionAndIsStableForAnId() {
        int val = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            String id = DocumentId.of("document number " + i);
            String split = Splits.assign(id, 0.1);
            assertEquals(split, Splits.assign(id, 0.1));
            if (split.equals(Splits.VAL)) {
                val++;
            }
        }
        double share = val / (double) n;
        assertTrue(Math.abs(share - 0.1) < 0.01, "val share " + share);
    }

    @Test
    void growingTheValFractionOnlyMovesDocumentsFromTrainToVal() {
        for (int i = 0; i < 2000; i++) {
            String id = DocumentId.of("doc " + i);
            if (Splits.assign(id, 0.05).equals(Splits.VAL)) {
                assertEquals(Splits.VAL, Splits.assign(id, 0.2));
            }
        }
        assertEquals(Splits.TRAIN, Splits.assign(DocumentId.of("x"), 0.0));
        assertEquals(Splits.VAL, Splits.assign(DocumentId.of("x"), 1.0));
    }
}
