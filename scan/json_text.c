/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "json_text.h"

#include <string.h>

void tr_json_append_string(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            g_string_append_printf(out, "\\%c", c);
        else if (c < 0x20)
            g_string_append_printf(out, "\\u%04x", c);
        else
            g_string_append_c(out, (char)c);
    }
    g_string_append_c(out, '"');
}

void tr_json_print_string(FILE *out, const char *s)
{
    GString *quoted = g_string_sized_new(64);
    tr_json_append_string(quoted, s);
    fwrite(quoted->str, 1, quoted->len, out);
    g_string_free(quoted, TRUE);
}

/* Four hex digits at p into *out. */
static bool read_hex4(const char *p, gunichar *out)
{
    *out = 0;
    for (int i = 0; i < 4; i++) {
        int digit = g_ascii_xdigit_value(p[i]);
        if (digit < 0)
            return false;
        *out = *out << 4 | (gunichar)digit;
    }
    return true;
}

/* \uXXXX, or a surrogate pair \uD8XX\uDCXX, at p (after the backslash and the u): into value;
 * returns the characters read, 0 on a bad one. */
static int read_unicode(const char *p, GString *value)
{
    gunichar c, low;
    if (!read_hex4(p, &c) || c == 0 || (c >= 0xDC00 && c <= 0xDFFF))
        return 0;
    int used = 4;
    if (c >= 0xD800 && c <= 0xDBFF) {
        if (p[4] != '\\' || p[5] != 'u' || !read_hex4(p + 6, &low) || low < 0xDC00 || low > 0xDFFF)
            return 0;
        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
        used = 10;
    }
    g_string_append_unichar(value, c);
    return used;
}

bool tr_json_read_string(const char **p, GString *value)
{
    const char *s = *p;
    g_string_truncate(value, 0);
    if (*s++ != '"')
        return false;
    for (;;) {
        unsigned char c = (unsigned char)*s;
        if (c == '"') {
            *p = s + 1;
            return true;
        }
        if (c < 0x20) /* the end of the text (NUL) comes first, or a raw control character */
            return false;
        if (c != '\\') {
            g_string_append_c(value, (char)c);
            s++;
            continue;
        }
        char escaped = s[1];
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *known = escaped ? strchr(from, escaped) : NULL;
        if (known) {
            g_string_append_c(value, to[known - from]);
            s += 2;
        } else if (escaped == 'u') {
            int used = read_unicode(s + 2, value);
            if (!used)
                return false;
            s += 2 + used;
        } else {
            return false;
        }
    }
}
