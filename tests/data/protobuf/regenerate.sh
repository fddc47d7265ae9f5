#!/bin/sh
# Regenerates the binary fixtures with protoc, so that they come from protobuf's own encoder rather
# than from the code under test. Run from this directory.
set -e
protos=../../../resources/proto
protoc -I "$protos" --encode=io.cloudevents.v1.CloudEventBatch cloudevents.proto < batch.txtpb > batch.cepb
protoc -I . --include_imports --descriptor_set_out=orders.desc orders.proto
protoc -I . --encode=acme.Order orders.proto < order.txtpb > order.bin
