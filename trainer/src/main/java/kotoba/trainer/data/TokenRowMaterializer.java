package kotoba.trainer.data;

import java.util.Arrays;
import java.util.function.Consumer;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Decodes token-docs rows (a projection of {@code id}, {@code split}, {@code tokens}, {@code n_tokens}, {@code bytes})
 * straight into one reused {@link Row} with the token ids in a growing int array.
 *
 * <p>Why: parquet-mr's example {@code Group} API made a group object and boxed an Integer for every token, and
 * loading the validation split decoded every token of the file (the splits share row groups).
 */
final class TokenRowMaterializer extends RecordMaterializer<TokenRowMaterializer.Row> {

    /** The row being decoded; the same object for every record, valid until the next read. */
    static final class Row {
        String id;
        String split;
        /** Whether the tokens list is present (not null); its ids are {@code tokens[0 .. count)}. */
        boolean hasTokens;
        int[] tokens = new int[256];
        int count;
        /** How many ids came before the list's first null element, or -1 if none was null. */
        int firstNullAt;
        boolean hasNTokens;
        int nTokens;
        boolean hasBytes;
        long bytes;

        int[] tokenIds() {
            return Arrays.copyOf(tokens, count);
        }

        private void clear() {
            id = null;
            split = null;
            hasTokens = false;
            count = 0;
            firstNullAt = -1;
            hasNTokens = false;
            hasBytes = false;
        }

        private void addToken(int id) {
            if (count == tokens.length) {
                tokens = Arrays.copyOf(tokens, count * 2);
            }
            tokens[count++] = id;
        }
    }

    private final Row row = new Row();
    private final GroupConverter root;

    TokenRowMaterializer(MessageType projection) {
        Converter[] fields = new Converter[projection.getFieldCount()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = converterFor(projection.getType(i));
        }
        root = new Group(fields) {
            @Override
            public void start() {
                row.clear();
            }
        };
    }

    @Override
    public Row getCurrentRecord() {
        return row;
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    private Converter converterFor(Type field) {
        switch (field.getName()) {
            case "id":
                return text(value -> row.id = value);
            case "split":
                return text(value -> row.split = value);
            case "n_tokens":
                return new PrimitiveConverter() {
                    @Override
                    public void addInt(int value) {
                        row.hasNTokens = true;
                        row.nTokens = value;
                    }
                };
            case "bytes":
                return new PrimitiveConverter() {
                    @Override
                    public void addLong(long value) {
                        row.hasBytes = true;
                        row.bytes = value;
                    }
                };
            case "tokens":
                return tokensConverter(field.asGroupType());
            default:
                throw new IllegalArgumentException("unexpected column " + field.getName());
        }
    }

    /** A UTF-8 string column, handed to {@code set}. */
    private static PrimitiveConverter text(Consumer<String> set) {
        return new PrimitiveConverter() {
            @Override
            public void addBinary(Binary value) {
                set.accept(value.toStringUsingUTF8());
            }
        };
    }

    /**
     * The LIST column: Spark writes the 3-level form (a repeated group holding one optional element, absent for a
     * null id); older writers repeat the int itself.
     */
    private Converter tokensConverter(GroupType list) {
        PrimitiveConverter ids = new PrimitiveConverter() {
            @Override
            public void addInt(int value) {
                row.addToken(value);
            }
        };
        Converter repeated = list.getType(0).isPrimitive() ? ids : new Group(new Converter[] {ids}) {
            private int before;

            @Override
            public void start() {
                before = row.count;
            }

            @Override
            public void end() {
                if (row.count == before && row.firstNullAt < 0) {
                    row.firstNullAt = row.count;
                }
            }
        };
        return new Group(new Converter[] {repeated}) {
            @Override
            public void start() {
                row.hasTokens = true;
            }
        };
    }

    /** A group whose children are fixed converters; start and end do nothing unless overridden. */
    private static class Group extends GroupConverter {
        private final Converter[] children;

        Group(Converter[] children) {
            this.children = children;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
