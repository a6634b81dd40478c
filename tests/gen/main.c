/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: writes the test captures.
 *
 *   tcpreuse-pcapgen list                        the scenario names, one a line, with a note
 *   tcpreuse-pcapgen <scenario> <out.pcap>       one scenario's capture
 *   tcpreuse-pcapgen all <dir>                   every scenario's capture, as <dir>/<name>.pcap
 *   tcpreuse-pcapgen busy <connections> <out.pcap>   a large NAT capture for benchmarks
 *
 * The output depends on nothing but the arguments (fixed times, fixed seed).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenarios.h"

static int usage(void)
{
    fputs("usage: tcpreuse-pcapgen list\n"
          "       tcpreuse-pcapgen <scenario> <out.pcap>\n"
          "       tcpreuse-pcapgen all <dir>\n"
          "       tcpreuse-pcapgen busy <connections> <out.pcap>\n",
          stderr);
    return 2;
}

static scenario *open_capture(const char *path)
{
    scenario *s = scenario_create(path);
    if (!s)
        fprintf(stderr, "tcpreuse-pcapgen: %s: %s\n", path, strerror(errno));
    return s;
}

static int finish(scenario *s, const char *path)
{
    if (scenario_finish(s) != 0) {
        fprintf(stderr, "tcpreuse-pcapgen: %s: write failed\n", path);
        return 1;
    }
    return 0;
}

static int run_busy(const char *count, const char *path)
{
    char *end;
    errno = 0;
    unsigned long n = strtoul(count, &end, 10);
    if (errno || *end || count[0] == '-' || end == count) {
        fprintf(stderr, "tcpreuse-pcapgen: busy: '%s' is not a connection count\n", count);
        return 2;
    }
    scenario *s = open_capture(path);
    if (!s)
        return 1;
    if (scenario_busy(s, n) != 0) {
        fprintf(stderr, "tcpreuse-pcapgen: busy: %lu connections is out of range\n", n);
        scenario_finish(s);
        remove(path);
        return 2;
    }
    return finish(s, path);
}

static int run_scenario(const scenario_entry *entry, const char *path)
{
    scenario *s = open_capture(path);
    if (!s)
        return 1;
    entry->run(s);
    return finish(s, path);
}

/* One process for every capture: the reproducibility test writes them all on each run. */
static int run_all(const char *dir)
{
    for (size_t i = 0; i < scenario_count; i++) {
        size_t len = strlen(dir) + strlen(scenario_table[i].name) + sizeof "/.pcap";
        char *path = malloc(len);
        if (!path)
            return 1;
        snprintf(path, len, "%s/%s.pcap", dir, scenario_table[i].name);
        int rc = run_scenario(&scenario_table[i], path);
        free(path);
        if (rc)
            return rc;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "list") == 0) {
        for (size_t i = 0; i < scenario_count; i++)
            printf("%-28s %s\n", scenario_table[i].name, scenario_table[i].about);
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "busy") == 0)
        return run_busy(argv[2], argv[3]);
    if (argc != 3)
        return usage();
    if (strcmp(argv[1], "all") == 0)
        return run_all(argv[2]);
    for (size_t i = 0; i < scenario_count; i++)
        if (strcmp(argv[1], scenario_table[i].name) == 0)
            return run_scenario(&scenario_table[i], argv[2]);
    fprintf(stderr, "tcpreuse-pcapgen: no scenario '%s' (see: tcpreuse-pcapgen list)\n", argv[1]);
    return 2;
}
