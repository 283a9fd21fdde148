package gosuite

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/build/constraint"
	"go/doc"
	"go/importer"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Config says where regexp's test files are, which ones to rewrite, and
// what to rewrite them against.
type Config struct {
	// Dir is the directory of package regexp, normally $GOROOT/src/regexp.
	Dir string

	// Files are the base names of the test files in Dir to rewrite.
	Files []string

	// Target is the import path of the package under test. It must export
	// the same API as regexp; "regexp" itself is a valid target.
	Target string

	// Package is the name of the package the rewritten files are added to.
	// Files of package regexp become in-package test files of Package;
	// files of package regexp_test become files of Package+"_test".
	Package string

	// Exclude maps the name of every declaration in the test files that
	// reaches into regexp's unexported internals, directly or through
	// another excluded declaration, to the reason it cannot run through
	// the public API. Methods are named "Type.Method". Rewrite fails
	// unless this list and the declarations it finds agree exactly.
	Exclude map[string]string

	// Shims is the path of a Go file of package Package that imports
	// "regexp" and declares stand-ins, written against the public API, for
	// what Replace names. It is added to the suite, rewritten like the
	// test files, as shims_test.go.
	Shims string

	// Replace maps names to the reason the stand-in in Shims tests the same
	// thing. A name is either a declaration of the test files that reaches
	// into regexp's internals, which the stand-in replaces, or an
	// unexported package-level identifier of regexp that the remaining
	// tests use, which then resolves to the stand-in. Rewrite fails if a
	// name is not declared in Shims, or if it is not, or no longer, needed.
	Replace map[string]string
}

// A File is one rewritten test file.
type File struct {
	// Name is the base name of the original file, such as "all_test.go".
	Name string

	// Source is the rewritten Go source. Its //line directives point back
	// into the original file, so that compiler errors and test failures
	// name positions in Config.Dir.
	Source []byte
}

// A Skip is a declaration that Rewrite removed.
type Skip struct {
	// Name is the name of the declaration ("Type.Method" for methods).
	Name string

	// File is the base name of the file that declares it.
	File string

	// Uses lists what makes the declaration unusable: regexp internals it
	// names directly, and excluded declarations it depends on.
	Uses []string

	// Reason is the reviewed explanation from Config.Exclude or
	// Config.Replace.
	Reason string
}

// Result is the rewritten suite together with an account of every change.
type Result struct {
	// Files are the rewritten files, in the order of Config.Files, then
	// the rewritten Config.Shims, named shims_test.go.
	Files []File

	// Skipped lists the removed declarations, sorted by name.
	Skipped []Skip

	// Replaced lists the declarations, and the regexp internals, for which
	// Shims stands in, sorted by name. Their Uses say what made the
	// declarations unusable (empty for regexp's own identifiers).
	Replaced []Skip

	// Testdata lists each rewritten testdata path as "old -> new".
	Testdata []string

	// Tests are the names of the Test functions that remain.
	Tests []string

	// Constraints holds the build constraint of the file of each Test
	// and Example that has one (exec2_test.go is built only without
	// -race), so that the harness expects only the tests that the inner
	// build compiles.
	Constraints map[string]constraint.Expr

	// Examples are the names of the Example functions that go test runs,
	// those with an output comment.
	Examples []string

	// Unrun are the names of the Example functions without an output
	// comment: go test compiles them but never runs them.
	Unrun []string
}

// unit is one top-level declaration of an in-package test file: a function,
// a method, or one spec of a const, var or type declaration.
type unit struct {
	name     string
	file     string
	decl     ast.Decl
	spec     ast.Spec // nil for functions and methods
	internal []string // regexp internals it names directly
	deps     []*unit  // other units it refers to
	pkgNames []*types.PkgName
	shimmed  []string // unexported regexp identifiers it names that Shims declares
	public   bool     // whether it names an exported package-level object of regexp
	replaced bool     // whether Shims declares a replacement
	excluded bool
}

// Rewrite parses the test files named by cfg, finds the declarations that
// reach into regexp's unexported internals, checks them against
// cfg.Exclude and cfg.Replace, and returns the files rewritten to test
// cfg.Target through its public API, followed by the rewritten cfg.Shims.
// The rewritten test files differ from the originals in these ways only:
// the package clause; the import of regexp (a dot-import of Target in
// in-package files, Target imported under the name regexp in external
// ones); excluded and replaced declarations, and the imports only they
// used, are gone; and string literals that begin with "testdata/" name the
// testdata directory in cfg.Dir instead.
func Rewrite(cfg Config) (*Result, error) {
	fset := token.NewFileSet()
	bp, err := build.ImportDir(cfg.Dir, 0)
	if err != nil {
		return nil, fmt.Errorf("gosuite: reading %s: %v", cfg.Dir, err)
	}
	const mode = parser.ParseComments | parser.SkipObjectResolution
	var lib []*ast.File
	for _, name := range bp.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(cfg.Dir, name), nil, mode)
		if err != nil {
			return nil, err
		}
		lib = append(lib, f)
	}
	var internal []*ast.File
	files := make(map[string]*ast.File)
	for _, name := range cfg.Files {
		f, err := parser.ParseFile(fset, filepath.Join(cfg.Dir, name), nil, mode)
		if err != nil {
			return nil, err
		}
		files[name] = f
		switch f.Name.Name {
		case bp.Name:
			internal = append(internal, f)
		case bp.Name + "_test":
		default:
			return nil, fmt.Errorf("gosuite: %s is in package %s, want %s or %s_test", name, f.Name.Name, bp.Name, bp.Name)
		}
	}
	shims, err := parser.ParseFile(fset, cfg.Shims, nil, mode)
	if err != nil {
		return nil, err
	}
	shimNames := make(map[string]bool)
	for _, d := range shims.Decls {
		for _, name := range declNames(d) {
			shimNames[name] = true
		}
	}

	// Type-check regexp together with its in-package test files: the
	// type checker, not a naming convention, decides which identifiers
	// resolve to regexp's own declarations.
	info := &types.Info{
		Defs:      make(map[*ast.Ident]types.Object),
		Uses:      make(map[*ast.Ident]types.Object),
		Implicits: make(map[ast.Node]types.Object),
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", nil)}
	pkg, err := conf.Check("regexp", fset, append(slices.Clone(lib), internal...), info)
	if err != nil {
		return nil, fmt.Errorf("gosuite: type-checking regexp with its tests: %v", err)
	}
	libObjs := make(map[types.Object]bool)
	for _, f := range lib {
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && info.Defs[id] != nil {
				libObjs[info.Defs[id]] = true
			}
			return true
		})
	}

	units := analyze(fset, internal, info, pkg, libObjs, cfg.Replace)
	res := &Result{}
	if err := check(units, cfg, shimNames, res); err != nil {
		return nil, err
	}

	emit := func(name, path string, f *ast.File) error {
		var buf bytes.Buffer
		fmt.Fprintf(&buf, "// Code generated by gosuite from %s; DO NOT EDIT.\n\n", path)
		pc := printer.Config{Mode: printer.UseSpaces | printer.TabIndent | printer.SourcePos, Tabwidth: 8}
		if err := pc.Fprint(&buf, fset, f); err != nil {
			return fmt.Errorf("gosuite: printing %s: %v", name, err)
		}
		res.Files = append(res.Files, File{Name: name, Source: buf.Bytes()})
		return nil
	}
	for _, name := range cfg.Files {
		f := files[name]
		if f.Name.Name == bp.Name {
			cmap := ast.NewCommentMap(fset, f, f.Comments)
			rewriteInternal(f, name, units, info, cfg.Target)
			f.Comments = cmap.Filter(f).Comments()
			f.Name.Name = cfg.Package
		} else {
			if err := rewriteImports(f, bp.ImportPath, cfg.Target); err != nil {
				return nil, fmt.Errorf("gosuite: %s: %v", name, err)
			}
			f.Name.Name = cfg.Package + "_test"
		}
		res.Testdata = append(res.Testdata, rewriteTestdata(f, name, cfg.Dir)...)
		collectTests(f, res)
		if err := emit(name, filepath.Join(cfg.Dir, name), f); err != nil {
			return nil, err
		}
	}
	if err := rewriteImports(shims, bp.ImportPath, cfg.Target); err != nil {
		return nil, fmt.Errorf("gosuite: %s: %v", cfg.Shims, err)
	}
	shims.Name.Name = cfg.Package
	// Drop the build constraint that keeps the file out of ordinary builds.
	shims.Comments = slices.DeleteFunc(shims.Comments, func(g *ast.CommentGroup) bool {
		return strings.HasPrefix(g.List[0].Text, "//go:build")
	})
	if err := emit("shims_test.go", cfg.Shims, shims); err != nil {
		return nil, err
	}
	return res, nil
}

// analyze splits the in-package test files into units and records, for
// each, what it refers to; then it marks the units to exclude.
func analyze(fset *token.FileSet, files []*ast.File, info *types.Info, pkg *types.Package, libObjs map[types.Object]bool, replace map[string]string) []*unit {
	var units []*unit
	for _, f := range files {
		file := filepath.Base(fset.Position(f.Package).Filename)
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				units = append(units, &unit{name: declNames(d)[0], file: file, decl: d})
			case *ast.GenDecl:
				if d.Tok == token.IMPORT {
					continue
				}
				for _, s := range d.Specs {
					names := specNames(s)
					units = append(units, &unit{name: strings.Join(names, ", "), file: file, decl: d, spec: s})
				}
			}
		}
	}
	for _, u := range units {
		_, u.replaced = replace[u.name]
	}

	// First pass: which unit declares each object.
	owner := make(map[types.Object]*unit)
	for _, u := range units {
		ast.Inspect(u.node(), func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && info.Defs[id] != nil {
				owner[info.Defs[id]] = u
			}
			return true
		})
	}

	// Second pass: what each unit refers to.
	for _, u := range units {
		if fd, ok := u.decl.(*ast.FuncDecl); ok && fd.Recv != nil {
			if id := recvIdent(fd.Recv.List[0].Type); id != nil && libObjs[info.Uses[id]] {
				u.internal = append(u.internal, "method declared on regexp's type "+id.Name)
			}
		}
		seenDep := make(map[*unit]bool)
		ast.Inspect(u.node(), func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			obj := info.Uses[id]
			switch {
			case obj == nil:
			case libObjs[obj]:
				switch _, shimmed := replace[obj.Name()]; {
				case obj.Exported():
					u.public = u.public || obj.Parent() == pkg.Scope()
				case shimmed && obj.Parent() == pkg.Scope():
					u.shimmed = append(u.shimmed, obj.Name())
				default:
					u.internal = append(u.internal, describe(obj))
				}
			default:
				if pn, ok := obj.(*types.PkgName); ok {
					u.pkgNames = append(u.pkgNames, pn)
					if p := pn.Imported().Path(); isInternalPath(p) {
						u.internal = append(u.internal, "package "+p)
					}
				} else if o := owner[obj]; o != nil && o != u && !seenDep[o] {
					seenDep[o] = true
					u.deps = append(u.deps, o)
				}
			}
			return true
		})
		slices.Sort(u.internal)
		u.internal = slices.Compact(u.internal)
	}

	// Exclude whatever names an internal, then whatever depends on an
	// excluded unit, until nothing changes. A replaced unit is never
	// excluded: its stand-in satisfies those that depend on it.
	for changed := true; changed; {
		changed = false
		for _, u := range units {
			if u.excluded || u.replaced {
				continue
			}
			if len(u.internal) > 0 || slices.ContainsFunc(u.deps, func(d *unit) bool { return d.excluded }) {
				u.excluded = true
				changed = true
			}
		}
	}
	return units
}

// check compares the excluded and replaced units with the reviewed lists
// and records them in res. Every disagreement is an error, so that no test
// is dropped, replaced or kept without a reviewer having seen why.
func check(units []*unit, cfg Config, shimNames map[string]bool, res *Result) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	byName := make(map[string]*unit)
	shimmed := make(map[string]bool)
	for _, u := range units {
		byName[u.name] = u
		uses := slices.Clone(u.internal)
		for _, d := range u.deps {
			if d.excluded {
				uses = append(uses, "excluded "+d.name)
			}
		}
		switch {
		case u.replaced:
			if len(uses) == 0 {
				bad("%s (%s) is in the replacement list but no longer reaches into regexp's internals: remove it and its stand-in so that the original runs", u.name, u.file)
			}
			res.Replaced = append(res.Replaced, Skip{Name: u.name, File: u.file, Uses: uses, Reason: cfg.Replace[u.name]})
		case u.excluded:
			reason, ok := cfg.Exclude[u.name]
			if !ok {
				bad("%s (%s) reaches into regexp's internals (%s) but is in neither the exclusion nor the replacement list: review it and add it to one", u.name, u.file, strings.Join(uses, ", "))
				continue
			}
			res.Skipped = append(res.Skipped, Skip{Name: u.name, File: u.file, Uses: uses, Reason: reason})
		default:
			for _, name := range u.shimmed {
				shimmed[name] = true
			}
		}
	}
	for name := range cfg.Exclude {
		switch u := byName[name]; {
		case u == nil:
			bad("%s is in the exclusion list but no longer declared in the test files: remove it", name)
		case !u.excluded:
			bad("%s (%s) is in the exclusion list but no longer reaches into regexp's internals: remove it so that it runs", name, u.file)
		}
	}
	for name, reason := range cfg.Replace {
		if !shimNames[name] {
			bad("%s is in the replacement list but %s does not declare it", name, cfg.Shims)
		}
		if byName[name] != nil {
			continue
		}
		if !shimmed[name] {
			bad("%s is in the replacement list but neither a declaration of the test files nor a regexp identifier the tests use: remove it", name)
			continue
		}
		res.Replaced = append(res.Replaced, Skip{Name: name, File: "regexp", Reason: reason})
	}
	bySkipName := func(a, b Skip) int { return strings.Compare(a.Name, b.Name) }
	slices.SortFunc(res.Skipped, bySkipName)
	slices.SortFunc(res.Replaced, bySkipName)
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	if len(errs) > 0 {
		return fmt.Errorf("gosuite: the exclusion and replacement lists no longer match the regexp tests:\n%w", errors.Join(errs...))
	}
	return nil
}

// rewriteInternal removes the excluded and replaced declarations of f, and
// the imports that only they used, and dot-imports target if the rest names
// any exported package-level identifier of regexp.
func rewriteInternal(f *ast.File, file string, units []*unit, info *types.Info, target string) {
	dropped := make(map[ast.Node]bool)
	used := make(map[*types.PkgName]bool)
	public := false
	for _, u := range units {
		if u.excluded || u.replaced {
			dropped[u.node()] = true
			continue
		}
		if u.file != file {
			continue
		}
		for _, pn := range u.pkgNames {
			used[pn] = true
		}
		public = public || u.public
	}
	dot := &ast.ImportSpec{
		Name: ast.NewIdent("."),
		Path: &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(target)},
	}

	var decls []ast.Decl
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if dropped[d] {
				continue
			}
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				d.Specs = slices.DeleteFunc(d.Specs, func(s ast.Spec) bool {
					is := s.(*ast.ImportSpec)
					if is.Name != nil && is.Name.Name == "_" {
						return false
					}
					pn, _ := importObj(is, info).(*types.PkgName)
					return !used[pn]
				})
				if public {
					d.Specs = append(d.Specs, dot)
					public = false
				}
			} else {
				d.Specs = slices.DeleteFunc(d.Specs, func(s ast.Spec) bool { return dropped[s] })
			}
			if len(d.Specs) == 0 {
				continue
			}
			if len(d.Specs) > 1 && d.Lparen == token.NoPos {
				d.Lparen = d.Pos()
			}
		}
		decls = append(decls, d)
	}
	if public { // f had no import declaration
		decls = slices.Insert(decls, 0, ast.Decl(&ast.GenDecl{Tok: token.IMPORT, Specs: []ast.Spec{dot}}))
	}
	f.Decls = decls
	f.Imports = nil
	for _, d := range decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			for _, s := range gd.Specs {
				f.Imports = append(f.Imports, s.(*ast.ImportSpec))
			}
		}
	}
}

// rewriteImports makes f import target wherever it imported regexp: under
// the name regexp if the import had no name, else under the same name.
func rewriteImports(f *ast.File, regexpPath, target string) error {
	for _, is := range f.Imports {
		p, err := strconv.Unquote(is.Path.Value)
		if err != nil {
			return err
		}
		if isInternalPath(p) {
			return fmt.Errorf("imports %s, which only the standard library may import", p)
		}
		if p != regexpPath || p == target {
			continue
		}
		is.Path.Value = strconv.Quote(target)
		if is.Name == nil {
			is.Name = &ast.Ident{NamePos: is.Path.Pos(), Name: "regexp"}
		}
	}
	return nil
}

// rewriteTestdata makes every string literal of f that begins with
// "testdata/" name the same path under dir, so that the tests read the
// testdata in place, and returns a description of each change.
func rewriteTestdata(f *ast.File, file, dir string) []string {
	var changes []string
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil || !strings.HasPrefix(s, "testdata/") {
			return true
		}
		prefix := dir + string(filepath.Separator)
		if strings.ContainsAny(s, `*?[`) {
			// The literal is a pattern (for filepath.Glob): keep any
			// metacharacter in dir from being read as one.
			prefix = globEscape(prefix)
		}
		lit.Value = strconv.Quote(prefix + filepath.FromSlash(s))
		changes = append(changes, fmt.Sprintf("%s: %q -> %s", file, s, lit.Value))
		return true
	})
	return changes
}

// collectTests records the Test and Example functions of f in res.
func collectTests(f *ast.File, res *Result) {
	var expr constraint.Expr
	for _, g := range f.Comments {
		if g.Pos() >= f.Package {
			break
		}
		for _, c := range g.List {
			if constraint.IsGoBuild(c.Text) {
				expr, _ = constraint.Parse(c.Text)
			}
		}
	}
	record := func(name string) {
		if expr != nil {
			if res.Constraints == nil {
				res.Constraints = make(map[string]constraint.Expr)
			}
			res.Constraints[name] = expr
		}
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && isTestName(fd.Name.Name, "Test") {
			res.Tests = append(res.Tests, fd.Name.Name)
			record(fd.Name.Name)
		}
	}
	for _, ex := range doc.Examples(f) {
		name := "Example" + ex.Name
		record(name)
		if ex.Output != "" || ex.EmptyOutput {
			res.Examples = append(res.Examples, name)
		} else {
			res.Unrun = append(res.Unrun, name)
		}
	}
}

// node returns the syntax of u: its spec, or its declaration.
func (u *unit) node() ast.Node {
	if u.spec != nil {
		return u.spec
	}
	return u.decl
}

// importObj returns the package name an import spec declares.
func importObj(is *ast.ImportSpec, info *types.Info) types.Object {
	if is.Name != nil {
		return info.Defs[is.Name]
	}
	return info.Implicits[is]
}

// recvIdent returns the identifier naming the base type of a receiver.
func recvIdent(x ast.Expr) *ast.Ident {
	for {
		switch t := x.(type) {
		case *ast.StarExpr:
			x = t.X
		case *ast.ParenExpr:
			x = t.X
		case *ast.IndexExpr:
			x = t.X
		case *ast.IndexListExpr:
			x = t.X
		case *ast.Ident:
			return t
		default:
			return nil
		}
	}
}

// declNames returns the names a top-level declaration declares, with
// methods named "Type.Method".
func declNames(d ast.Decl) []string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil {
			return []string{recvName(d.Recv.List[0].Type) + "." + d.Name.Name}
		}
		return []string{d.Name.Name}
	case *ast.GenDecl:
		if d.Tok == token.IMPORT {
			return nil
		}
		var names []string
		for _, s := range d.Specs {
			names = append(names, specNames(s)...)
		}
		return names
	}
	return nil
}

// specNames returns the names a type, const or var spec declares.
func specNames(s ast.Spec) []string {
	switch s := s.(type) {
	case *ast.TypeSpec:
		return []string{s.Name.Name}
	case *ast.ValueSpec:
		var names []string
		for _, n := range s.Names {
			names = append(names, n.Name)
		}
		return names
	}
	return nil
}

// recvName returns the base type name of a receiver, or "?".
func recvName(x ast.Expr) string {
	if id := recvIdent(x); id != nil {
		return id.Name
	}
	return "?"
}

// describe names an unexported object of regexp for a reader: "func
// compileOnePass", "field onepass", "method (*Regexp).get".
func describe(obj types.Object) string {
	qual := func(*types.Package) string { return "" }
	switch obj := obj.(type) {
	case *types.Func:
		if recv := obj.Type().(*types.Signature).Recv(); recv != nil {
			return "method " + types.TypeString(recv.Type(), qual) + "." + obj.Name()
		}
		return "func " + obj.Name()
	case *types.Var:
		if obj.IsField() {
			return "field " + obj.Name()
		}
		return "var " + obj.Name()
	case *types.Const:
		return "const " + obj.Name()
	case *types.TypeName:
		return "type " + obj.Name()
	}
	return obj.Name()
}

// isInternalPath reports whether an import path is an internal package,
// which code outside the tree that holds it may not import.
func isInternalPath(p string) bool {
	return p == "internal" || strings.HasPrefix(p, "internal/") ||
		strings.Contains(p, "/internal/") || strings.HasSuffix(p, "/internal")
}

// isTestName reports whether name is the name of a test function of the
// given kind ("Test", "Example"), by the rule go test applies: the prefix,
// then nothing or a character that is not a lower-case letter.
func isTestName(name, prefix string) bool {
	if !strings.HasPrefix(name, prefix) {
		return false
	}
	if len(name) == len(prefix) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(name[len(prefix):])
	return !unicode.IsLower(r)
}

// globEscape escapes the metacharacters of filepath.Match in s.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
