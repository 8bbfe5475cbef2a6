// Reads YAML as the Go programs of the platform do, for the reader tests (test/support/go-reader.ts).
// Built in GOPATH mode from Debian's packages (golang-github-spf13-viper-dev, golang-gopkg-yaml.v2-dev,
// golang-gopkg-yaml.v3-dev); see .ci/run.
//
//	yaml-reader config FILE...   each file as flyteadmin reads its config (viper 1.10/1.11 on go-yaml
//	                             v2) and as go-yaml v3 reads it: one JSON line per file
//	yaml-reader scalars FILE     FILE holds one document, `items:` and a list of plain scalars; one JSON
//	                             line per item: what go-yaml v2 decodes it to, and the tag v3 resolves
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"

	"github.com/spf13/viper"
	yaml2 "gopkg.in/yaml.v2"
	yaml3 "gopkg.in/yaml.v3"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: yaml-reader config FILE... | yaml-reader scalars FILE")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "config":
		for _, file := range os.Args[2:] {
			emit(readConfig(file))
		}
	case "scalars":
		readScalars(os.Args[2])
	default:
		fmt.Fprintln(os.Stderr, "unknown mode", os.Args[1])
		os.Exit(2)
	}
}

func emit(v interface{}) {
	line, err := json.Marshal(v)
	if err != nil {
		line, _ = json.Marshal(map[string]string{"jsonError": err.Error()})
	}
	fmt.Println(string(line))
}

func readConfig(file string) map[string]interface{} {
	out := map[string]interface{}{"file": file}
	text, err := os.ReadFile(file)
	if err != nil {
		out["error"] = err.Error()
		return out
	}
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(text)); err != nil {
		out["viperError"] = err.Error()
	} else {
		out["viper"] = jsonable(v.AllSettings())
	}
	var y3 interface{}
	if err := yaml3.Unmarshal(text, &y3); err != nil {
		out["v3Error"] = err.Error()
	} else {
		out["v3"] = jsonable(y3)
	}
	return out
}

// jsonable makes what the decoders return encodable: NaN and infinities become strings, maps with
// non-string keys get their keys printed, a time becomes {"time": RFC 3339} (a value that is not the string written).
func jsonable(v interface{}) interface{} {
	switch t := v.(type) {
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return map[string]string{"float": fmt.Sprint(t)}
		}
	case map[string]interface{}:
		out := map[string]interface{}{}
		for k, inner := range t {
			out[k] = jsonable(inner)
		}
		return out
	case map[interface{}]interface{}:
		out := map[string]interface{}{}
		for k, inner := range t {
			out[fmt.Sprint(k)] = jsonable(inner)
		}
		return out
	case []interface{}:
		out := make([]interface{}, len(t))
		for i, inner := range t {
			out[i] = jsonable(inner)
		}
		return out
	case fmt.Stringer:
		return map[string]string{"time": t.String()}
	}
	return v
}

func readScalars(file string) {
	text, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var v2 struct{ Items []interface{} }
	if err := yaml2.Unmarshal(text, &v2); err != nil {
		fmt.Fprintln(os.Stderr, "v2:", err)
		os.Exit(1)
	}
	var v3 struct{ Items []yaml3.Node }
	if err := yaml3.Unmarshal(text, &v3); err != nil {
		fmt.Fprintln(os.Stderr, "v3:", err)
		os.Exit(1)
	}
	if len(v2.Items) != len(v3.Items) {
		fmt.Fprintln(os.Stderr, "v2 and v3 read different numbers of items")
		os.Exit(1)
	}
	for i, item := range v2.Items {
		emit(map[string]interface{}{"text": v3.Items[i].Value, "v2": fmt.Sprintf("%T", item), "value": jsonable(item), "v3": v3.Items[i].ShortTag()})
	}
}
