/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-rusage FILE COMMAND [ARG...]: runs COMMAND and writes to FILE what
 * /usr/bin/time -f '%e %U %S %M' would, with the times to the microsecond (/usr/bin/time
 * prints them to 10 ms, which makes a 10 ms run's CPU time a guess).
 *
 * Why C and not a script: the child between fork() and exec() is a copy of its parent, and the
 * CPU time it spends there is charged to the command. A Python parent's child copied a few
 * hundred of the interpreter's pages on write (reference counts) before its exec: 4 to 5 ms a
 * run, half of tcpreuse-scan's whole time on the lab capture, none of it the scan's. Here the
 * child only calls execvp(). Not vfork()/posix_spawn(): the peak RSS of the child would then
 * start from the parent's (the kernel keeps the larger of the old and new address space's at
 * exec), which is this program's own, small, here.
 * The exit status is the command's (127 when it cannot be run); stdin, stdout and stderr are
 * left to it.
 */
#define _DEFAULT_SOURCE /* wait4() */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval tv) { return (double)tv.tv_sec + (double)tv.tv_usec / 1e6; }

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: tcpreuse-rusage FILE COMMAND [ARG...]\n");
        return 2;
    }
    double start = now();
    pid_t pid = fork();
    if (pid < 0) {
        perror("tcpreuse-rusage: fork");
        return 1;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0) {
        perror("tcpreuse-rusage: wait4");
        return 1;
    }
    double wall = now() - start;
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    /* ru_maxrss is in KB on Linux, as %M is. */
    fprintf(out, "%.6f %.6f %.6f %ld\n", wall, seconds(usage.ru_utime), seconds(usage.ru_stime), usage.ru_maxrss);
    if (fclose(out) != 0) {
        perror(argv[1]);
        return 1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
