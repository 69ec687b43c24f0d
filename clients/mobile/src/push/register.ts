/** Registering this device's Expo push token with the API (filled in with the devices API). */
export async function registerForPush(): Promise<void> {}
