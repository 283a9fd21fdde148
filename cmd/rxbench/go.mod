module github.com/rxjit/rxjit/cmd/rxbench

go 1.26.0

replace github.com/rxjit/rxjit => ../..

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/dlclark/regexp2 v1.12.0
	github.com/grafana/regexp v0.0.0-20250905101755-5eb4f3acbf71
	github.com/rxjit/rxjit v0.0.0-00010101000000-000000000000
	github.com/wasilibs/go-re2 v1.13.0
)

require (
	golang.org/x/arch v0.32.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
)
