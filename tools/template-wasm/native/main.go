// Command native renders the same requests with native Go, one JSON request
// per line on stdin, one JSON response per line on stdout: the reference the
// tests compare the WebAssembly build with.
package main

import (
	"bufio"
	"os"

	"tools/template-wasm/render"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	for in.Scan() {
		_, _ = out.Write(render.Handle(in.Bytes()))
		_ = out.WriteByte('\n')
		_ = out.Flush()
	}
}
