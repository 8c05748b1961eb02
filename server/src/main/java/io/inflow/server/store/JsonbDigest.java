package io.inflow.server.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A record's content hash, computed in Java exactly as PostgreSQL computes {@code md5(payload::text)::uuid} of the
 * {@code jsonb} it stores, and the check that PostgreSQL can store the payload at all, in one parse.
 *
 * <p>Why: the upsert used to hash in SQL, on the one connection that writes a stream, where it cost PostgreSQL a
 * {@code jsonb} print and an md5 per record; here it runs on the reading thread, and a record whose hash is
 * already stored need not be sent at all. Rows stored before this class existed carry PostgreSQL's hash of the
 * same text, so an upgrade reports no record changed.
 *
 * <p>{@code jsonb}'s text is canonical: object keys sorted by the length of their UTF-8 bytes, then by those
 * bytes; the last of duplicate keys kept; {@code ": "} and {@code ", "} between tokens; strings escaped as
 * PostgreSQL's {@code escape_json} does; numbers printed as {@code numeric} prints them (plain digits, as many
 * decimals as the input had after its exponent is applied, none fewer than zero).
 *
 * <p>Not thread-safe: one per reading thread (it reuses its buffers).
 */
public final class JsonbDigest {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final JsonFactory factory;
    private final MessageDigest md5;
    private final Utf8Buffer out = new Utf8Buffer();

    public JsonbDigest(JsonFactory factory) {
        this.factory = factory;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }

    /** A payload PostgreSQL cannot store as {@code jsonb}, with the reason in words. */
    public static final class UnstorablePayloadException extends Exception {
        UnstorablePayloadException(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The content hash of a payload: md5 of its {@code jsonb} text, as a uuid.
     *
     * @throws UnstorablePayloadException when it is not a single JSON object or holds what {@code jsonb} refuses
     *                                    (a NUL character, an unpaired surrogate)
     */
    public UUID digest(String payload) throws UnstorablePayloadException {
        Node document;
        try (JsonParser parser = factory.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UnstorablePayloadException("the payload is not a JSON object");
            }
            document = read(parser, JsonToken.START_OBJECT);
            if (parser.nextToken() != null) {
                throw new UnstorablePayloadException("the payload has content after its JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new UnstorablePayloadException("the payload is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnstorablePayloadException("the payload could not be read: " + e.getMessage());
        }
        out.reset();
        document.print(out);
        md5.reset();
        md5.update(out.bytes, 0, out.length);
        ByteBuffer hash = ByteBuffer.wrap(md5.digest());
        return new UUID(hash.getLong(), hash.getLong());
    }

    private static Node read(JsonParser parser, JsonToken token) throws IOException, UnstorablePayloadException {
        switch (token) {
            case START_OBJECT -> {
                List<Member> members = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    byte[] key = utf8(parser.currentName());
                    members.add(new Member(key, read(parser, parser.nextToken()), members.size()));
                }
                return new ObjectNode(canonical(members));
            }
            case START_ARRAY -> {
                List<Node> elements = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    elements.add(read(parser, next));
                }
                return new ArrayNode(elements);
            }
            case VALUE_STRING -> {
                return new StringNode(utf8(parser.getText()));
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Literal(numeric(parser.getText()));
            }
            case VALUE_TRUE -> {
                return Literal.TRUE;
            }
            case VALUE_FALSE -> {
                return Literal.FALSE;
            }
            case VALUE_NULL -> {
                return Literal.NULL;
            }
            default -> throw new UnstorablePayloadException("the payload is not valid JSON: unexpected " + token);
        }
    }

    /** jsonb's order: shorter keys first, equal lengths by their bytes; of duplicate keys the last one stays. */
    private static Member[] canonical(List<Member> members) {
        Member[] sorted = members.toArray(Member[]::new);
        Arrays.sort(sorted, (a, b) -> {
            int byLength = Integer.compare(a.key.length, b.key.length);
            if (byLength != 0) {
                return byLength;
            }
            int byBytes = Arrays.compareUnsigned(a.key, b.key);
            return byBytes != 0 ? byBytes : Integer.compare(a.order, b.order);
        });
        int kept = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i + 1 < sorted.length && Arrays.equals(sorted[i].key, sorted[i + 1].key)) {
                continue; // a later duplicate follows: it wins
            }
            sorted[kept++] = sorted[i];
        }
        return kept == sorted.length ? sorted : Arrays.copyOf(sorted, kept);
    }

    /** A JSON number as PostgreSQL's {@code numeric} prints it. */
    private static byte[] numeric(String text) {
        BigDecimal value = new BigDecimal(text);
        if (value.scale() < 0) {
            value = value.setScale(0);
        }
        return value.toPlainString().getBytes(StandardCharsets.US_ASCII);
    }

    /** UTF-8 of a JSON string; refuses what PostgreSQL's jsonb refuses. */
    private static byte[] utf8(String text) throws UnstorablePayloadException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                throw new UnstorablePayloadException(
                        "the payload contains a NUL character, which PostgreSQL's jsonb cannot store");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new UnstorablePayloadException(
                        "the payload contains an unpaired Unicode surrogate, which PostgreSQL's jsonb cannot store");
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private sealed interface Node permits ObjectNode, ArrayNode, StringNode, Literal {
        void print(Utf8Buffer out);
    }

    private record Member(byte[] key, Node value, int order) {
    }

    private record ObjectNode(Member[] members) implements Node {
        @Override
        public void print(Utf8Buffer out) {
            out.append((byte) '{');
            for (int i = 0; i < members.length; i++) {
                if (i > 0) {
                    out.append((byte) ',').append((byte) ' ');
                }
                StringNode.printString(members[i].key, out);
                out.append((byte) ':').append((byte) ' ');
                members[i].value.print(out);
            }
            out.append((byte) '}');
        }
    }

    private record ArrayNode(List<Node> elements) implements Node {
        @Override
        public void print(Utf8Buffer out) {
            out.append((byte) '[');
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) {
                    out.append((byte) ',').append((byte) ' ');
                }
                elements.get(i).print(out);
            }
            out.append((byte) ']');
        }
    }

    private record StringNode(byte[] utf8) implements Node {
        @Override
        public void print(Utf8Buffer out) {
            printString(utf8, out);
        }

        /** PostgreSQL's escape_json: the six short escapes, other control characters as a six-character unicode escape. */
        static void printString(byte[] utf8, Utf8Buffer out) {
            out.append((byte) '"');
            for (byte b : utf8) {
                switch (b) {
                    case '"' -> out.append((byte) '\\').append((byte) '"');
                    case '\\' -> out.append((byte) '\\').append((byte) '\\');
                    case '\b' -> out.append((byte) '\\').append((byte) 'b');
                    case '\f' -> out.append((byte) '\\').append((byte) 'f');
                    case '\n' -> out.append((byte) '\\').append((byte) 'n');
                    case '\r' -> out.append((byte) '\\').append((byte) 'r');
                    case '\t' -> out.append((byte) '\\').append((byte) 't');
                    default -> {
                        if (b >= 0 && b < ' ') {
                            out.append((byte) '\\').append((byte) 'u').append((byte) '0').append((byte) '0')
                                    .append(HEX[b >> 4]).append(HEX[b & 0xf]);
                        } else {
                            out.append(b);
                        }
                    }
                }
            }
            out.append((byte) '"');
        }
    }

    private record Literal(byte[] text) implements Node {
        static final Literal TRUE = new Literal("true".getBytes(StandardCharsets.US_ASCII));
        static final Literal FALSE = new Literal("false".getBytes(StandardCharsets.US_ASCII));
        static final Literal NULL = new Literal("null".getBytes(StandardCharsets.US_ASCII));

        @Override
        public void print(Utf8Buffer out) {
            out.append(text, text.length);
        }
    }

    /** A growable byte buffer, reused from one payload to the next. */
    private static final class Utf8Buffer {
        private byte[] bytes = new byte[4096];
        private int length;

        void reset() {
            length = 0;
        }

        Utf8Buffer append(byte b) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[length++] = b;
            return this;
        }

        void append(byte[] more, int count) {
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
            }
            System.arraycopy(more, 0, bytes, length, count);
            length += count;
        }
    }
}
