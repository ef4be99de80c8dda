// The floor of an HTTP client: ky alone, with the one call shape our client uses.
import ky from 'ky';

export const api = ky.create({ prefixUrl: 'https://api.example', retry: 0 });
