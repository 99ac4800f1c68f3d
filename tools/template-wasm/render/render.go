// Package render evaluates one template request: Go text/template with the
// sprig function map and {% %} delimiters, as Plug and Socket templates are
// written.
package render

import (
	"bytes"
	"encoding/json"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// Request is one template and the data it sees.
type Request struct {
	Template string         `json:"template"`
	Data     map[string]any `json:"data"`
}

// Response carries the output, or the parse/execution error.
type Response struct {
	Output string `json:"output"`
	Error  string `json:"error,omitempty"`
}

// Handle decodes a JSON Request and returns a JSON Response.
func Handle(in []byte) []byte {
	var req Request
	var res Response
	if err := json.Unmarshal(in, &req); err != nil {
		res.Error = "invalid request: " + err.Error()
	} else {
		res.Output, res.Error = Render(req.Template, req.Data)
	}
	out, _ := json.Marshal(res)
	return out
}

// Built once: sprig builds a fresh map of ~200 functions on every call.
var funcs = sprig.TxtFuncMap()

// Render evaluates tmpl over data.
func Render(tmpl string, data map[string]any) (string, string) {
	t, err := template.New("template").Delims("{%", "%}").Funcs(funcs).Parse(tmpl)
	if err != nil {
		return "", err.Error()
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return "", err.Error()
	}
	return buf.String(), ""
}
