//go:build !rxjitfault

package regex

// injectCompileFault is a no-op outside fault-injection builds; see
// fault.go.
func injectCompileFault(string) error { return nil }

// injectMatchFault is a no-op outside fault-injection builds; see
// fault.go.
func injectMatchFault([]int) {}
