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
	rc, err := f.SyscallConn() // not f.Fd, which would set the file blocking
	if err != nil {
		return nil
	}
	var m []byte
	if rc.Control(func(fd uintptr) {
		m, err = syscall.Mmap(int(fd), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	}) != nil || err != nil {
		return nil
	}
	return m
}

// unmapFile undoes mapFile.
func unmapFile(m []byte) {
	syscall.Munmap(m) // nothing to do on an error: the mapping goes with the process
}

// faultAround is how much of a mapping, around a page read, the kernel
// maps at once (its fault-around: 64 KiB unless changed): a part read
// maps the 64 KiB-aligned blocks it touches.
const faultAround = 64 << 10

// releaseMapped lets the system take back the pages of m[lo:hi], a part
// of the mapping m that has been read, and of the 64 KiB-aligned blocks
// it touches (what reading it mapped). They stay in the page cache, and
// map again if read again: a part beside it that a worker still reads
// costs a fault more, not a wrong byte.
func releaseMapped(m []byte, lo, hi int) {
	lo, hi = lo&^(faultAround-1), min((hi+faultAround-1)&^(faultAround-1), len(m))
	if hi > lo {
		syscall.Madvise(m[lo:hi], syscall.MADV_DONTNEED) // a hint: an error changes nothing
	}
}
