# Prints tab-separated rows (the first one the header) as an aligned table: columns two spaces apart, an empty
# cell shown as "-", and columns whose cells are all numbers or empty (20,077, 4.2, 48.5%) aligned right. Widths count
# characters, not bytes, so UTF-8 names line up. Run with LC_ALL=C and -F'\t'.

{
    rows = NR
    if (NF > columns) columns = NF
    for (c = 1; c <= NF; c++) {
        cell[NR, c] = $c
        if (NR == 1 || $c == "" || $c == "-") continue
        if ($c ~ /^-?[0-9][0-9,]*(\.[0-9]+)?%?$/) number_column[c] = 1
        else text_column[c] = 1
    }
}

function width(text) {
    gsub(/[\200-\277]/, "", text)
    return length(text)
}

function pad(text, to, right,    spaces) {
    spaces = ""
    while (width(text) + length(spaces) < to) spaces = spaces " "
    return right ? spaces text : text spaces
}

END {
    for (r = 1; r <= rows; r++) {
        for (c = 1; c <= columns; c++) {
            if (cell[r, c] == "" && r > 1) cell[r, c] = "-"
            if (width(cell[r, c]) > widest[c]) widest[c] = width(cell[r, c])
        }
    }
    for (r = 1; r <= rows; r++) {
        line = ""
        for (c = 1; c <= columns; c++) {
            right = (c in number_column) && !(c in text_column)
            last = c == columns
            line = line (c > 1 ? "  " : "") (last && !right ? cell[r, c] : pad(cell[r, c], widest[c], right))
        }
        print line
    }
}
