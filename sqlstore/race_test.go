//go:build race

package sqlstore_test

// raceEnabled: the race detector slows the property test tenfold, and it
// has nothing to race; it runs a few cases then (.ci/run's race line).
const raceEnabled = true
