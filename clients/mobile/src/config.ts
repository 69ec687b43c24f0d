/**
 * Where the API is: `EXPO_PUBLIC_API_URL` (inlined by Expo at build time), else the embedded
 * platform on this machine. A phone on the same network needs the computer's LAN address,
 * e.g. `EXPO_PUBLIC_API_URL=http://192.168.1.20:8000 npx expo start`.
 */
export const apiUrl: string = (process.env.EXPO_PUBLIC_API_URL ?? "http://localhost:8000")
  .replace(/\/+$/, "");
