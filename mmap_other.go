//go:build !linux

package odatafilter

import "os"

// mapFile maps nothing here: the workers read the file (readat.go).
func mapFile(*os.File, int64) []byte { return nil }

// unmapFile is never called with a mapping here.
func unmapFile([]byte) {}

// releaseMapped is never called with a mapping here.
func releaseMapped([]byte, int, int) {}
