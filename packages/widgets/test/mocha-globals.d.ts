// The browser tests run under Mocha (@web/test-runner); these are the globals they use.
declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: () => Promise<void> | void): void;
declare function beforeEach(body: () => Promise<void> | void): void;
declare function afterEach(body: () => Promise<void> | void): void;
