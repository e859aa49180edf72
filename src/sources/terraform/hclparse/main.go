//go:build js && wasm

// Command hclparse is Driftwarden's HCL parser: HashiCorp's own hclsyntax (the parser Terraform
// uses, so a file is valid here exactly when Terraform's parser accepts it), compiled to
// WebAssembly by scripts/build-hcl-parser.sh and loaded by ../hcl-parser.ts.
//
// It registers one JavaScript function, hclParse(fileName, text, withPositions), which returns a
// JSON string:
//
//	{"body": {...}}                           the file as hcl2json's JSON (tmccombs/hcl2json/convert:
//	                                          the shape @cdktf/hcl2json returned, which it wrapped)
//	{"body": {...}, "items": [...]}           with withPositions: every attribute and block, nested
//	{"error": {"summary", "detail", "line", "column"}}   the first error diagnostic
//
// Positions are UTF-16 code-unit offsets into the text (JavaScript string indices), so the caller
// can slice its own string with them; lines and columns are 1-based as Terraform prints them.
package main

import (
	"encoding/json"
	"sort"
	"syscall/js"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tmccombs/hcl2json/convert"
	"github.com/zclconf/go-cty/cty"
)

type item struct {
	Kind string `json:"kind"`
	// Attribute name or block type.
	Name   string   `json:"name"`
	Labels []string `json:"labels,omitzero"` // blocks: always present (nonNil), possibly empty
	Line   int      `json:"line"`
	// Start of the name (the block type or attribute name) and end of the whole item.
	Start int `json:"start"`
	End   int `json:"end"`
	// Attributes: the value expression.
	ValueStart int `json:"valueStart,omitempty"`
	ValueEnd   int `json:"valueEnd,omitempty"`
	// Blocks: the braces, and what is inside them.
	Open  int    `json:"open,omitempty"`
	Close int    `json:"close,omitempty"`
	Items []item `json:"items,omitzero"` // blocks: always present (nonNil), possibly empty
	// Attributes whose value is an object constructor (`tags = { ... }`): its entries.
	Entries []entry `json:"entries,omitempty"`
}

// entry is one `key = value` of an object constructor. Key is absent when the key is computed
// (`(var.k) = v`) or not a string.
type entry struct {
	Key        *string `json:"key,omitempty"`
	Line       int     `json:"line"`
	KeyStart   int     `json:"keyStart"`
	ValueStart int     `json:"valueStart"`
	ValueEnd   int     `json:"valueEnd"`
}

type failure struct {
	Summary string `json:"summary"`
	Detail  string `json:"detail"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
}

// utf16Offsets maps every byte offset of src to the UTF-16 offset of the same place.
func utf16Offsets(src []byte) []int {
	out := make([]int, len(src)+1)
	u := 0
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		for k := 0; k < size; k++ {
			out[i+k] = u
		}
		if r >= 0x10000 {
			u += 2
		} else {
			u++
		}
		i += size
	}
	out[len(src)] = u
	return out
}

func entries(expr hclsyntax.Expression, at []int) []entry {
	object, ok := expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return nil
	}
	out := []entry{}
	for _, it := range object.Items {
		e := entry{
			Line:       it.KeyExpr.Range().Start.Line,
			KeyStart:   at[it.KeyExpr.Range().Start.Byte],
			ValueStart: at[it.ValueExpr.Range().Start.Byte],
			ValueEnd:   at[it.ValueExpr.Range().End.Byte],
		}
		// A bare name or a quoted string without interpolation evaluates without any variables.
		if key, diags := it.KeyExpr.Value(nil); !diags.HasErrors() && key.IsWhollyKnown() && key.Type() == cty.String {
			name := key.AsString()
			e.Key = &name
		}
		out = append(out, e)
	}
	return out
}

func items(body *hclsyntax.Body, at []int) []item {
	var out []item
	for _, a := range body.Attributes {
		out = append(out, item{
			Kind: "attribute", Name: a.Name, Line: a.NameRange.Start.Line,
			Start: at[a.NameRange.Start.Byte], End: at[a.SrcRange.End.Byte],
			ValueStart: at[a.Expr.Range().Start.Byte], ValueEnd: at[a.Expr.Range().End.Byte],
			Entries: entries(a.Expr, at),
		})
	}
	for _, b := range body.Blocks {
		out = append(out, item{
			Kind: "block", Name: b.Type, Labels: nonNil(b.Labels), Line: b.TypeRange.Start.Line,
			Start: at[b.TypeRange.Start.Byte], End: at[b.CloseBraceRange.End.Byte],
			Open: at[b.OpenBraceRange.Start.Byte], Close: at[b.CloseBraceRange.Start.Byte],
			Items: nonNil(items(b.Body, at)),
		})
	}
	// Attributes come from a map: source order makes the result stable and easy to use.
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// nonNil makes an empty list encode as [] (omitzero drops only nil), so a block always has both.
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}

func parse(fileName, text string, withPositions bool) map[string]any {
	src := []byte(text)
	file, diags := hclsyntax.ParseConfig(src, fileName, hcl.InitialPos)
	if diags.HasErrors() {
		for _, d := range diags {
			if d.Severity != hcl.DiagError {
				continue
			}
			f := failure{Summary: d.Summary, Detail: d.Detail}
			if d.Subject != nil {
				f.Line, f.Column = d.Subject.Start.Line, d.Subject.Start.Column
			}
			return map[string]any{"error": f}
		}
	}
	body, err := convert.ConvertFile(file, convert.Options{})
	if err != nil {
		return map[string]any{"error": failure{Summary: "cannot convert the file", Detail: err.Error()}}
	}
	out := map[string]any{"body": body}
	if withPositions {
		out["items"] = items(file.Body.(*hclsyntax.Body), utf16Offsets(src))
	}
	return out
}

func main() {
	js.Global().Set("__driftwardenHclParse", js.FuncOf(func(this js.Value, args []js.Value) any {
		encoded, err := json.Marshal(parse(args[0].String(), args[1].String(), args[2].Truthy()))
		if err != nil {
			encoded, _ = json.Marshal(map[string]any{"error": failure{Summary: "cannot encode the result", Detail: err.Error()}})
		}
		return string(encoded)
	}))
	select {} // serve calls until the process ends
}
