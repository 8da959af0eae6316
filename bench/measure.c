/* SPDX-License-Identifier: Apache-2.0 */
/* Runs a command several times and prints the best wall-clock time in seconds and the peak
 * resident memory in KiB of the child: `measure RUNS cmd args...` prints "SECONDS KIB".
 * Standard output of the command is discarded; a failing command stops the measurement. */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: measure RUNS cmd [args...]\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    double best = 1e30;
    long peak = 0;
    for (int r = 0; r < runs; r++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 1;
        }
        if (pid == 0) {
            int fd = open("/dev/null", O_WRONLY);
            if (fd >= 0)
                dup2(fd, 1);
            execvp(argv[2], argv + 2);
            perror(argv[2]);
            _exit(127);
        }
        int status;
        struct rusage ru;
        if (wait4(pid, &status, 0, &ru) < 0) {
            perror("wait4");
            return 1;
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "measure: `%s` failed\n", argv[2]);
            return 1;
        }
        double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        if (s < best)
            best = s;
        if (ru.ru_maxrss > peak)
            peak = ru.ru_maxrss;
    }
    printf("%.6f %ld\n", best, peak);
    return 0;
}
