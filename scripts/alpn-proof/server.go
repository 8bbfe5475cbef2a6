// A TLS listener built the way flyteadmin v1.16.8 builds its secure one
// (flyteadmin/pkg/server/service.go, serveGatewaySecure and grpcHandlerFunc): an http.Server whose
// TLSConfig offers only "h2", served through tls.NewListener with that same TLSConfig, and one
// handler that hands a request to gRPC only when it arrives over HTTP/2 with a gRPC content type.
// Standard library only (Go 1.19, GOPATH mode); the gRPC side is a stub that answers as a gRPC
// server would, since which handler runs is what the proof is about.
//
//	GO111MODULE=off go run server.go   # prints "listening <port>", then serves until killed
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

func grpcHandlerFunc(grpcServer, otherHandler http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ProtoMajor == 2 && strings.Contains(r.Header.Get("Content-Type"), "application/grpc") {
			grpcServer.ServeHTTP(w, r)
		} else {
			otherHandler.ServeHTTP(w, r)
		}
	})
}

// What a gRPC server answers to a call it serves: HTTP/2, application/grpc, grpc-status trailer.
var grpcStub = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/grpc")
	w.Header().Set("X-Served-By", "grpc")
	w.Header().Set("Trailer", "Grpc-Status")
	w.WriteHeader(http.StatusOK)
	w.Write([]byte{0, 0, 0, 0, 0})
	w.Header().Set("Grpc-Status", "0")
})

var rest = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Served-By", "rest")
	fmt.Fprintf(w, "rest %s\n", r.Proto)
})

func selfSigned() tls.Certificate {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"}, DNSNames: []string{"localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

func main() {
	conn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	srv := &http.Server{
		Handler:   grpcHandlerFunc(grpcStub, rest),
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{selfSigned()}, NextProtos: []string{"h2"}},
	}
	fmt.Printf("listening %d\n", conn.Addr().(*net.TCPAddr).Port)
	go func() {
		// net/http configures its HTTP/2 server on Serve and may add to the shared TLSConfig: report
		// what the listener offers once it runs.
		time.Sleep(300 * time.Millisecond)
		fmt.Fprintf(os.Stderr, "offered ALPN %q\n", srv.TLSConfig.NextProtos)
	}()
	if err := srv.Serve(tls.NewListener(conn, srv.TLSConfig)); err != nil {
		panic(err)
	}
}
