/* The SimNIC preload library has no API: it is loaded with LD_PRELOAD and replaces socket calls.
 * See simnic_preload.c for the transport it implements. */
#ifndef CSIMNICPRELOAD_H
#define CSIMNICPRELOAD_H
#endif
