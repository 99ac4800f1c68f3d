//go:build tools

// Package tools pins Crossplane 1.20's CLI and core (see go.mod).
package tools

import (
	_ "github.com/crossplane/crossplane/cmd/crank"
	_ "github.com/crossplane/crossplane/cmd/crossplane"
)
