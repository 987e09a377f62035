// glibc's allocator statistics (mallinfo2, malloc_trim), for the memory figures of eswitch-bench.
// Swift's Glibc module does not include <malloc.h>.
#include <malloc.h>
