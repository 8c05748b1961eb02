# Flattens one JSON document into lines "path<TAB>value", one per scalar, in document order, so shell scripts can
# read the API's answers with nothing but POSIX awk (no jq on a newcomer's machine).
#
#   {"runs":[{"id":7,"counts":{"inserted":3}}],"next":null}   gives   runs[0].id        7
#                                                                     runs[0].counts.inserted  3
#                                                                     next              (empty)
#
# Values: strings unescaped (\uXXXX and surrogate pairs become UTF-8), numbers and true/false as written, null as
# the empty string, an empty object or array as {} or []. Newline, carriage return and tab inside a string or key
# are written as the two characters \n, \r, \t, and other control characters as \u00XX, so each leaf stays on one
# line and the TAB stays the only separator. Run it with LC_ALL=C: it works on bytes, which keeps any UTF-8 text
# intact. Invalid JSON: a message on stderr and exit status 3.

BEGIN { HEX = "0123456789abcdef" }

{ text = text $0 "\n" }

END {
    pos = 1
    size = length(text)
    skip_blanks()
    if (pos > size) exit 0
    parse_value("")
    skip_blanks()
    if (pos <= size) fail("unexpected text after the document")
}

function fail(message) {
    printf "invalid JSON at byte %d: %s\n", pos, message > "/dev/stderr"
    exit 3
}

function skip_blanks(    c) {
    while (pos <= size) {
        c = substr(text, pos, 1)
        if (c != " " && c != "\n" && c != "\t" && c != "\r") return
        pos++
    }
}

function emit(path, value) {
    print path "\t" value
}

function parse_value(path,    c) {
    skip_blanks()
    c = substr(text, pos, 1)
    if (c == "{") parse_object(path)
    else if (c == "[") parse_array(path)
    else if (c == "\"") emit(path, parse_string())
    else parse_literal(path)
}

function parse_object(path,    key, c) {
    pos++
    skip_blanks()
    if (substr(text, pos, 1) == "}") { pos++; emit(path, "{}"); return }
    for (;;) {
        skip_blanks()
        if (substr(text, pos, 1) != "\"") fail("expected a key in double quotes")
        key = parse_string()
        skip_blanks()
        if (substr(text, pos, 1) != ":") fail("expected ':' after a key")
        pos++
        parse_value(path == "" ? key : path "." key)
        skip_blanks()
        c = substr(text, pos, 1)
        pos++
        if (c == "}") return
        if (c != ",") fail("expected ',' or '}' in an object")
    }
}

function parse_array(path,    index_, c) {
    pos++
    skip_blanks()
    if (substr(text, pos, 1) == "]") { pos++; emit(path, "[]"); return }
    for (index_ = 0; ; index_++) {
        parse_value(path "[" index_ "]")
        skip_blanks()
        c = substr(text, pos, 1)
        pos++
        if (c == "]") return
        if (c != ",") fail("expected ',' or ']' in an array")
    }
}

function parse_literal(path,    start, word) {
    start = pos
    while (pos <= size && substr(text, pos, 1) ~ /[-+.0-9A-Za-z]/) pos++
    word = substr(text, start, pos - start)
    if (word == "null") emit(path, "")
    else if (word == "true" || word == "false") emit(path, word)
    else if (word ~ /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/) emit(path, word)
    else { pos = start; fail(word == "" ? "expected a value" : "unknown literal '" word "'") }
}

# The string starting at pos (an opening quote), decoded; pos ends after its closing quote.
function parse_string(    out, c, code, low) {
    pos++
    out = ""
    for (;;) {
        if (pos > size) fail("unterminated string")
        c = substr(text, pos, 1)
        if (c == "\"") { pos++; return out }
        if (c == "\n") fail("newline inside a string")
        if (c == "\t") { out = out "\\t"; pos++; continue }
        if (c != "\\") { out = out c; pos++; continue }
        c = substr(text, pos + 1, 1)
        pos += 2
        if (c == "\"" || c == "\\" || c == "/") out = out c
        else if (c == "n") out = out "\\n"
        else if (c == "r") out = out "\\r"
        else if (c == "t") out = out "\\t"
        else if (c == "b") out = out "\\u0008"
        else if (c == "f") out = out "\\u000c"
        else if (c == "u") {
            code = hex4()
            if (code >= 55296 && code <= 56319 && substr(text, pos, 2) == "\\u") {
                pos += 2
                low = hex4()
                if (low >= 56320 && low <= 57343) code = 65536 + (code - 55296) * 1024 + (low - 56320)
                else { out = out utf8(code); code = low }
            }
            out = out utf8(code)
        }
        else { pos -= 2; fail("unknown escape \\" c) }
    }
}

function hex4(    i, digit, value) {
    value = 0
    for (i = 0; i < 4; i++) {
        digit = index(HEX, tolower(substr(text, pos + i, 1)))
        if (digit == 0) fail("expected four hex digits after \\u")
        value = value * 16 + digit - 1
    }
    pos += 4
    return value
}

# The UTF-8 bytes of a code point; control characters as \u00XX text, lone surrogates as U+FFFD.
function utf8(code) {
    if (code == 10) return "\\n"
    if (code == 13) return "\\r"
    if (code == 9) return "\\t"
    if (code < 32) return sprintf("\\u%04x", code)
    if (code < 128) return sprintf("%c", code)
    if (code >= 55296 && code <= 57343) code = 65533
    if (code < 2048) return sprintf("%c%c", 192 + int(code / 64), 128 + code % 64)
    if (code < 65536) return sprintf("%c%c%c", 224 + int(code / 4096), 128 + int(code / 64) % 64, 128 + code % 64)
    return sprintf("%c%c%c%c", 240 + int(code / 262144), 128 + int(code / 4096) % 64, 128 + int(code / 64) % 64,
                   128 + code % 64)
}
