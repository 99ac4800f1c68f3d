// cel-readiness evaluates a provider-kubernetes readiness CEL query
// (spec.readiness.celQuery of an Object, policy DeriveFromCelQuery) the way
// provider-kubernetes does, with the cel-go version it is built with: the
// observed object is the dynamically typed variable `object`, the query must
// be of type bool, and the object reaches CEL as JSON decodes it (numbers
// are doubles). Tests use it to check a query against observed states.
//
// Input on stdin: {"query": "...", "objects": [{...}, ...]}.
// Output on stdout: one entry per object, {"ready": bool} or {"error": "..."}
// when the evaluation fails (provider-kubernetes then reports the Object
// Unavailable with that error). A query that does not compile, or is not of
// type bool, is an error of the whole run (exit status 1).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"

	"github.com/google/cel-go/cel"
	celtypes "github.com/google/cel-go/common/types"
)

type input struct {
	Query   string            `json:"query"`
	Objects []json.RawMessage `json:"objects"`
}

type result struct {
	Ready *bool  `json:"ready,omitempty"`
	Error string `json:"error,omitempty"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "cel-readiness:", err)
		os.Exit(1)
	}
}

func run() error {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		return fmt.Errorf("reading the input: %w", err)
	}
	if in.Query == "" {
		return fmt.Errorf("cel query cannot be empty")
	}
	env, err := cel.NewEnv(cel.Variable("object", cel.AnyType))
	if err != nil {
		return err
	}
	ast, iss := env.Compile(in.Query)
	if iss.Err() != nil {
		return fmt.Errorf("failed to compile query: %w", iss.Err())
	}
	if !reflect.DeepEqual(ast.OutputType(), cel.BoolType) {
		return fmt.Errorf("celQuery does not return a bool type")
	}
	program, err := env.Program(ast)
	if err != nil {
		return fmt.Errorf("failed to create program from the cel query: %w", err)
	}
	out := make([]result, 0, len(in.Objects))
	for _, raw := range in.Objects {
		object := map[string]any{}
		if err := json.Unmarshal(raw, &object); err != nil {
			return fmt.Errorf("an object is not a JSON object: %w", err)
		}
		val, _, err := program.Eval(map[string]any{"object": object})
		if err != nil {
			out = append(out, result{Error: "failed to eval the program: " + err.Error()})
			continue
		}
		ready := val == celtypes.True
		out = append(out, result{Ready: &ready})
	}
	return json.NewEncoder(os.Stdout).Encode(out)
}
