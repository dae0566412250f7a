/* Test-only (tests/api/test_read_only_disk.py, loaded with LD_PRELOAD into a test server): the
 * disk under MH_TEST_READONLY_DIR turns read-only while the file MH_TEST_READONLY_SWITCH exists,
 * as a file system remounted read-only after an error does under a running process. Every write,
 * sync, truncation, new file or check for write access there then fails with EROFS, as the
 * kernel answers; files opened before stay open, and reads work. A real read-only remount cannot
 * be made under a process that holds files open for writing (the kernel refuses it as busy),
 * hence the shim. Never built into the product. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int switched_on(void) {
  const char* flag = getenv("MH_TEST_READONLY_SWITCH");
  return flag != NULL && access(flag, F_OK) == 0;
}

static int path_is_under(const char* path) {
  const char* dir = getenv("MH_TEST_READONLY_DIR");
  if (dir == NULL || path == NULL) return 0;
  const size_t n = strlen(dir);
  return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

static int fd_is_under(int fd) {
  char link[64];
  char path[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  const ssize_t n = readlink(link, path, sizeof path - 1);
  if (n < 0) return 0;
  path[n] = '\0';
  return path_is_under(path);
}

static int refused(int fd) {
  if (!switched_on() || !fd_is_under(fd)) return 0;
  errno = EROFS;
  return 1;
}

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

ssize_t write(int fd, const void* buf, size_t count) { return refused(fd) ? -1 : REAL(write)(fd, buf, count); }
ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
  return refused(fd) ? -1 : REAL(pwrite)(fd, buf, count, offset);
}
ssize_t pwrite64(int fd, const void* buf, size_t count, off64_t offset) {
  return refused(fd) ? -1 : REAL(pwrite64)(fd, buf, count, offset);
}
int fsync(int fd) { return refused(fd) ? -1 : REAL(fsync)(fd); }
int fdatasync(int fd) { return refused(fd) ? -1 : REAL(fdatasync)(fd); }
int ftruncate(int fd, off_t length) { return refused(fd) ? -1 : REAL(ftruncate)(fd, length); }
int ftruncate64(int fd, off64_t length) { return refused(fd) ? -1 : REAL(ftruncate64)(fd, length); }

static int opens_for_writing(int flags) { return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0; }

/* Whether opening `path` with `flags` is refused (errno set) while the disk is read-only. */
static int open_refused(const char* path, int flags) {
  if (!opens_for_writing(flags) || !switched_on() || !path_is_under(path)) return 0;
  errno = EROFS;
  return 1;
}

/* open's third argument exists only when the flags create a file. */
#define MODE_OF(flags)                                                            \
  ({                                                                              \
    mode_t mode_ = 0;                                                             \
    if ((flags) & (O_CREAT | O_TMPFILE)) {                                        \
      va_list args_;                                                              \
      va_start(args_, flags);                                                     \
      mode_ = va_arg(args_, mode_t);                                              \
      va_end(args_);                                                              \
    }                                                                             \
    mode_;                                                                        \
  })

int open(const char* path, int flags, ...) {
  const mode_t mode = MODE_OF(flags);
  return open_refused(path, flags) ? -1 : REAL(open)(path, flags, mode);
}
int open64(const char* path, int flags, ...) {
  const mode_t mode = MODE_OF(flags);
  return open_refused(path, flags) ? -1 : REAL(open64)(path, flags, mode);
}
int access(const char* path, int mode) {
  if ((mode & W_OK) && switched_on() && path_is_under(path)) {
    errno = EROFS;
    return -1;
  }
  return REAL(access)(path, mode);
}
int unlink(const char* path) {
  if (switched_on() && path_is_under(path)) {
    errno = EROFS;
    return -1;
  }
  return REAL(unlink)(path);
}
