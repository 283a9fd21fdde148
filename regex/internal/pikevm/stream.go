package pikevm

import "github.com/rxjit/rxjit/regex/internal/stream"

// SearchStream is Search over the rune stream that w reads, from window
// position start (a rune boundary; the window holds the byte before it,
// if any), reading runes one at a time and only as far as the answer
// needs: the VM looks one rune ahead of the position it is at (for
// assertions such as $ and \b), as Go's regexp does, and stops once the
// leftmost match, or its absence, is settled. Bytes behind the oldest
// position still needed are dropped from the window as it goes, so memory
// does not grow with the input. Slots receive the reader's offsets (see
// stream.Window.Offset).
func (vm *VM) SearchStream(c *Cache, w *stream.Window, start int, slots []int, longest bool) bool {
	c.win, c.anchored = w, false
	defer func() { c.win = nil }()
	return vm.search(c, w.Buf, start, slots, longest)
}
