package kotoba.corpus.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the text field (a key or a dotted path) out of one JSON Lines line. */
final class JsonTextExtractor implements LineParser {

    /**
     * One mapper per JVM (it is thread-safe). Jackson's default caps (20M-char strings, since 2.15) would
     * reject records our own {@code maxRecordBytes} allows, so the size limit is left to the reader.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String field;
    private final String[] path;

    JsonTextExtractor(String field) {
        this.field = field;
        this.path = field.split("\\.", -1);
    }

    @Override
    public Parsed parse(String line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return Parsed.reject(RejectReasons.MALFORMED_JSON);
        }
        if (root == null || root.isMissingNode()) {
            return Parsed.reject(RejectReasons.MALFORMED_JSON);
        }
        JsonNode value = lookup(root);
        if (value == null || !value.isTextual()) {
            return Parsed.reject(RejectReasons.MISSING_TEXT_FIELD);
        }
        return Parsed.text(value.textValue());
    }

    private JsonNode lookup(JsonNode root) {
        if (!root.isObject()) {
            return null;
        }
        JsonNode literal = root.get(field);
        if (literal != null || path.length == 1) {
            return literal;
        }
        JsonNode node = root;
        for (String key : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(key);
        }
        return node;
    }
}
