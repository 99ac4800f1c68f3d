//go:build tools

// Package tools pins the Crossplane CLI (crank) that renders compositions in-process.
package tools

import _ "github.com/crossplane/crossplane/v2/cmd/crank"
