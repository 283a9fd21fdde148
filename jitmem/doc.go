// Package jitmem manages executable memory for generated machine code under a
// strict W^X discipline.
//
// Code is copied into private anonymous pages mapped read-write, and the pages
// are then sealed read-execute with mprotect. A page is never writable and
// executable at the same time, and a sealed page is never made writable again,
// because another goroutine may be running it. Small code blobs are packed
// into shared regions, but only until the region is sealed: the first call to
// [Code.Entry] on any blob in a region (or an explicit [Arena.Seal]) seals the
// whole region, and later blobs go to a fresh region. When a region is sealed,
// its untouched tail pages are returned to the kernel, so a region costs the
// pages its code occupies and no more.
//
// A region is unmapped when every [Code] in it has been released with
// [Code.Release], or, failing that, by a cleanup registered with
// runtime.AddCleanup once no Code in it is reachable. Callers must keep a Code
// reachable (runtime.KeepAlive) for as long as its instructions may run.
//
// Executable memory is an optional accelerator. On platforms other than
// linux/amd64, when the kernel denies executable mappings (SELinux execmem,
// PaX, seccomp), or when the environment variable RXJIT_NOJIT is set to 1,
// every allocation fails with an error that wraps [ErrUnavailable] and callers
// are expected to fall back to a portable engine. mmap and mprotect failures are
// always returned as errors, never panics, and a failed allocation leaves no
// mapping behind.
package jitmem
