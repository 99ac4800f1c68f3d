//go:build wasip1

// Command template-wasm is a WASI reactor: the host calls alloc to get a
// buffer, writes a JSON request into it and calls render, which returns the
// response's address and length packed into one uint64. Buffers stay
// referenced from pinned until the host frees them, so the collector keeps
// them (Go's collector does not move objects).
package main

import (
	"unsafe"

	"tools/template-wasm/render"
)

var pinned = map[uint32][]byte{}

func pin(b []byte) uint32 {
	if len(b) == 0 {
		b = make([]byte, 1)
	}
	p := uint32(uintptr(unsafe.Pointer(&b[0])))
	pinned[p] = b
	return p
}

//go:wasmexport alloc
func alloc(size uint32) uint32 { return pin(make([]byte, size)) }

//go:wasmexport free
func free(p uint32) { delete(pinned, p) }

//go:wasmexport render
func renderRequest(p, size uint32) uint64 {
	out := render.Handle(pinned[p][:size])
	return uint64(pin(out))<<32 | uint64(len(out))
}

func main() {}
