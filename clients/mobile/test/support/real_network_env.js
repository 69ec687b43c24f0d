/**
 * React Native's Jest environment with Node's own `fetch` kept aside: React Native's setup
 * replaces `fetch` with a stand-in, and the integration suite talks to a real server.
 */
const ReactNativeEnvironment = require("@react-native/jest-preset/jest/react-native-env.js");

class RealNetworkEnvironment extends ReactNativeEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.__nodeFetch = { fetch, Headers, Request, Response, AbortController };
  }
}

module.exports = RealNetworkEnvironment;
