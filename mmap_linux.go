package odatafilter

import (
	"math"
	"os"
	"syscall"
)

// mapFile maps the first size bytes of f into memory, read only, or
// returns nil when it cannot (an empty file, one larger than the address
// space, a system that refuses).
func mapFile(f *os.File, size int64) []byte {
	if size <= 0 || size > math.MaxInt {
		return nil
	}
	m, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil
	}
	return m
}

// unmapFile undoes mapFile.
func unmapFile(m []byte) {
	syscall.Munmap(m) // nothing to do on an error: the mapping goes with the process
}

// releaseMapped lets the system take back the pages that lie whole in m, a
// part of a mapping already read: they stay in the page cache, and map
// again if read again.
func releaseMapped(m []byte, off int) {
	page := os.Getpagesize()
	lo, hi := (off+page-1)/page*page, (off+len(m))/page*page
	if hi > lo {
		syscall.Madvise(m[lo-off:hi-off], syscall.MADV_DONTNEED) // a hint: an error changes nothing
	}
}
