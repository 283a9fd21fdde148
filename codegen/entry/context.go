package entry

import "fmt"

// Context is the state shared by Go and one generated function: inputs,
// resumable position and results. It holds no pointers, so generated code may
// write any field without write barriers. Generated code addresses fields by
// the Off constants, which tests check against unsafe.Offsetof.
type Context struct {
	// Pos is the offset of the next haystack byte to examine. Generated code
	// advances it; on exit it says where to resume.
	Pos uint64
	// Limit is where the current slice ends. Generated code treats
	// min(Limit, Len) as the end and returns Yield there if input remains.
	Limit uint64
	// Len is len(haystack), set by Call.
	Len uint64
	// ScratchLen is len(scratch), set by Call.
	ScratchLen uint64
	// State is the automaton state to resume in. Opaque to this package.
	State uint64
	// Match is the end of the last match found, or -1.
	Match int64
	// Count accumulates results such as the number of matches.
	Count uint64
	// Arg holds parameters of the generated function.
	Arg [4]uint64
	// Aux holds further results or saved registers, as the function defines.
	Aux [4]uint64
}

// Field offsets of Context for generated code.
const (
	OffPos        = 0
	OffLimit      = 8
	OffLen        = 16
	OffScratchLen = 24
	OffState      = 32
	OffMatch      = 40
	OffCount      = 48
	OffArg        = 56 // Arg[i] is at OffArg + 8*i
	OffAux        = 88 // Aux[i] is at OffAux + 8*i
	SizeofContext = 120
)

// Exit is the code a generated function returns to Go.
type Exit uint64

// The exit codes.
const (
	// Done means the function finished; its results are in the Context.
	Done Exit = iota
	// NeedState means Go must prepare Context.State (for example, compute a
	// lazy-DFA state) and call again; Pos points at the byte that needs it.
	NeedState
	// Yield means the function reached Limit with input left; call again,
	// usually with a new Limit, to continue.
	Yield
)

func (e Exit) String() string {
	switch e {
	case Done:
		return "done"
	case NeedState:
		return "needs-state"
	case Yield:
		return "yield"
	}
	return fmt.Sprintf("Exit(%d)", uint64(e))
}
