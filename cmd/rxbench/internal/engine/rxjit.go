package engine

import "github.com/rxjit/rxjit/regex"

// EnvNoJIT is the switch that forces rxjit onto its portable engines.
const EnvNoJIT = "RXJIT_NOJIT"

// rxjit is this repository's regex package. The two registered variants
// run the same code and differ only in the environment of the measuring
// process: RXJIT_NOJIT unset (the default, JIT where available) or set to
// 1 (JIT forced off).
type rxjit struct{ noJIT bool }

func init() {
	register(rxjit{})
	register(rxjit{noJIT: true})
}

// Name returns "rxjit" or "rxjit-nojit".
func (r rxjit) Name() string {
	if r.noJIT {
		return "rxjit-nojit"
	}
	return "rxjit"
}

// Version returns the version the build information records, which for
// the replaced module is "(devel)"; the driver adds the git revision.
func (r rxjit) Version() string {
	v := moduleVersion("github.com/rxjit/rxjit")
	if r.noJIT {
		v += ", " + EnvNoJIT + "=1"
	}
	return v
}

// Env returns RXJIT_NOJIT=1 for the JIT-less variant and removes the
// variable for the default one, so the caller's environment cannot leak
// into the measurement.
func (r rxjit) Env() []string {
	if r.noJIT {
		return []string{EnvNoJIT + "=1"}
	}
	return []string{EnvNoJIT + "="}
}

// Compile calls regex.Compile.
func (rxjit) Compile(p string) (Regex, error) {
	re, err := regex.Compile(p)
	if err != nil {
		return nil, err
	}
	return stdRegex{re}, nil
}
