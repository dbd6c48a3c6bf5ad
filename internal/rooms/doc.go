// Package rooms has no code: its test keeps each package of the module to
// the imports its room allows (DESIGN.md §1, and the README's package
// table for the packages added since), so a dependency that goes the wrong
// way fails go test rather than a review.
package rooms
