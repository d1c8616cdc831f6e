// Testing Library's findBy*/waitFor give up after 1 s by default. On a 2-core CI machine running
// the other suites, a page rendered after a fetch took longer than that (a red run with the page
// still loading), so the console's waits get 10 s: they still end as soon as what they wait for
// appears, and stay well under Jest's 30 s test timeout.
require('@testing-library/react').configure({ asyncUtilTimeout: 10_000 });
