# Helpers for the awk programs that turn a flattened answer (json.awk's "path<TAB>value" lines) into table rows.
# Each script's program is appended to this file; it reads the flat lines into v[path] and uses these functions in
# its END block. Run with LC_ALL=C and -F'\t'.

{
    key = $1
    value = substr($0, length($1) + 2)
    v[key] = value
    # remember every array element seen ("runs[0]", "runs[0].streams.x[2]", ...) so size() can count them
    rest = key
    prefix = ""
    while ((close_at = index(rest, "]")) > 0) {
        prefix = prefix substr(rest, 1, close_at)
        element[prefix] = 1
        rest = substr(rest, close_at + 1)
    }
}

# How many elements the array at path has.
function size(path,    n) {
    for (n = 0; (path "[" n "]") in element; n++) { }
    return n
}

# The value at path, or "-" when it is missing, null or empty.
function val(path) {
    return (path in v) && v[path] != "" ? v[path] : "-"
}

# A whole number with thousands separators: 20077 -> 20,077; anything else unchanged.
function group(number,    sign, out) {
    if (number !~ /^-?[0-9]+$/) return number
    sign = ""
    if (substr(number, 1, 1) == "-") { sign = "-"; number = substr(number, 2) }
    out = ""
    while (length(number) > 3) {
        out = "," substr(number, length(number) - 2) out
        number = substr(number, 1, length(number) - 3)
    }
    return sign number out
}

# An ISO-8601 instant to the second: 2025-01-31T10:00:00.123456Z -> 2025-01-31 10:00:00Z.
function instant(text) {
    if (text == "" || text == "-") return "-"
    sub(/\.[0-9]+Z$/, "Z", text)
    sub(/T/, " ", text)
    return text
}

# Seconds as a short duration: 4.2 s, 3m05s, 2h04m.
function duration(seconds,    s) {
    if (seconds == "" || seconds == "-") return "-"
    s = seconds + 0
    if (s < 60) return s == int(s) ? sprintf("%d s", s) : sprintf("%.1f s", s)
    s = int(s + 0.5)
    if (s < 3600) return sprintf("%dm%02ds", int(s / 60), s % 60)
    return sprintf("%dh%02dm", int(s / 3600), int(s / 60) % 60)
}

# At most width characters (bytes of UTF-8 continuation aside), with "..." when cut.
function clip(text, width) {
    if (length(text) <= width) return text
    text = substr(text, 1, width - 3)
    sub(/[\300-\377][\200-\277]*$/, "", text)
    return text "..."
}

# One table row: the cells joined by tabs, for table.awk.
function row(a, b, c, d, e, f, g, h, i, j, k, l, m, n,    line) {
    line = a "\t" b "\t" c "\t" d "\t" e "\t" f "\t" g "\t" h "\t" i "\t" j "\t" k "\t" l "\t" m "\t" n
    sub(/\t*$/, "", line)
    print line
}
