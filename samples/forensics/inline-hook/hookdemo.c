/* hookdemo: a tiny process for kpaudit's forensic tests.
 * It maps one page read-write-execute about 64 MiB after its own code and puts
 * "mov $1,%eax; ret" there: the payload an attacker's inline hook would jump to.
 * It then waits; gdb attaches, optionally overwrites the entry of check_password
 * with "e9 rel32" into that page, and gcore writes the core. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

__attribute__((noinline)) int check_password(const char *p)
{
    return strcmp(p, "s3cret") == 0;
}

int main(void)
{
    void *hint = (void *)(((unsigned long)&check_password & ~0xfffUL) + 0x4000000UL);
    unsigned char *page = mmap(hint, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED)
        return 1;
    static const unsigned char payload[] = {0xb8, 0x01, 0x00, 0x00, 0x00, 0xc3};
    memcpy(page, payload, sizeof payload);
    printf("check_password=%p payload=%p\n", (void *)&check_password, (void *)page);
    fflush(stdout);
    for (;;) {
        volatile int ok = check_password("guess");
        (void)ok;
        sleep(1);
    }
}
