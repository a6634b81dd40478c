/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "extract_file.h"

#include "capture_wtap.h"

struct tr_extract_file {
    wtap_dumper *dumper;
    wtap_dump_params params;
    int file_type;
    bool takes_interfaces;  /* the format has interface blocks (pcapng): the input's are copied */
};

static char *error_text(const char *doing, int err, char *err_info)
{
    char *text = err_info ? g_strdup_printf("%s: %s (%s)", doing, wtap_strerror(err), err_info)
                          : g_strdup_printf("%s: %s", doing, wtap_strerror(err));
    g_free(err_info);
    return text;
}

/* pcapng when the name says so (problems.pcapng); else the capture's own format when wiretap
 * writes it with the capture's link type, else pcapng, which holds any link type and several
 * per file. */
static int file_type_for(const char *path, wtap *input, int encap)
{
    int pcapng = wtap_pcapng_file_type_subtype();
    int own = wtap_file_type_subtype(input);
    if (g_str_has_suffix(path, ".pcapng") || g_str_has_suffix(path, ".pcapng.gz"))
        return pcapng;
    if (wtap_dump_can_open(own) && wtap_dump_can_write_encap(own, encap))
        return own;
    return pcapng;
}

tr_extract_file *tr_extract_file_open(const char *path, tr_capture *input, char **error)
{
    wtap *wth = tr_capture_wtap(input);
    tr_extract_file *out = g_new0(tr_extract_file, 1);
    /* The interfaces are copied as the capture reveals them (a pcapng file may describe one
     * in its middle), as editcap does: the records' interface numbers stay right. */
    wtap_dump_params_init_no_idbs(&out->params, wth);
    out->file_type = file_type_for(path, wth, out->params.encap);
    out->takes_interfaces =
        wtap_file_type_subtype_supports_block(out->file_type, WTAP_BLOCK_IF_ID_AND_INFO) != BLOCK_NOT_SUPPORTED;
    wtap_compression_type compression = g_str_has_suffix(path, ".gz") && wtap_dump_can_compress(out->file_type)
                                            ? WTAP_GZIP_COMPRESSED
                                            : WTAP_UNCOMPRESSED;
    int err = 0;
    char *err_info = NULL;
    out->dumper = wtap_dump_open(path, out->file_type, compression, &out->params, &err, &err_info);
    if (!out->dumper) {
        *error = error_text("cannot create it", err, err_info);
        wtap_dump_params_cleanup(&out->params);
        g_free(out);
        return NULL;
    }
    return out;
}

bool tr_extract_file_write(tr_extract_file *out, tr_capture *input, char **error)
{
    int err = 0;
    char *err_info = NULL;
    wtap_block_t interface;
    while ((interface = wtap_get_next_interface_description(tr_capture_wtap(input))) != NULL) {
        if (out->takes_interfaces && !wtap_dump_add_idb(out->dumper, interface, &err, &err_info)) {
            *error = error_text("cannot write an interface description", err, err_info);
            return false;
        }
    }
    if (!tr_wtap_dump(out->dumper, tr_capture_record(input), &err, &err_info)) {
        *error = error_text("cannot write a frame", err, err_info);
        return false;
    }
    return true;
}

const char *tr_extract_file_format(const tr_extract_file *out)
{
    return wtap_file_type_subtype_name(out->file_type);
}

bool tr_extract_file_close(tr_extract_file *out, char **error)
{
    int err = 0;
    char *err_info = NULL;
    bool ok = wtap_dump_close(out->dumper, NULL, &err, &err_info);
    if (!ok)
        *error = error_text("cannot finish it", err, err_info);
    wtap_dump_params_cleanup(&out->params);
    g_free(out);
    return ok;
}
