package dev.lacy.trainer;

/**
 * The coordinate tokens {@code 0.00..1.00} of a vocabulary, both ways: {@code binOf[id]} is the bin of a
 * token (-1 for other tokens), {@code idOf[bin]} the token of a bin (-1 where the vocabulary has none);
 * and the newline's token, which ends a completion's first line.
 */
record CoordinateTokens(int[] binOf, int[] idOf, long newline) {

    static CoordinateTokens of(LacyTokenizer tokenizer) {
        int[] binOf = new int[tokenizer.size()];
        int[] idOf = new int[TinyLlavaNetwork.COORDINATE_BINS];
        java.util.Arrays.fill(idOf, -1);
        for (int id = 0; id < tokenizer.size(); id++) {
            String token = tokenizer.token(id);
            binOf[id] = token.matches("[01]\\.[0-9]{2}") ? Math.round(Float.parseFloat(token) * 100) : -1;
            if (binOf[id] >= 0 && binOf[id] < idOf.length) {
                idOf[binOf[id]] = id;
            }
        }
        return new CoordinateTokens(binOf, idOf, tokenizer.encode("\n")[0]);
    }
}
