//go:build tools

// Package tools pins the Crossplane CLI (crank) that renders compositions
// in-process, and Crossplane core of the same release, which packages/testenv
// runs out of cluster against its API server.
package tools

import (
	_ "github.com/crossplane/crossplane/v2/cmd/crank"
	_ "github.com/crossplane/crossplane/v2/cmd/crossplane"
)
