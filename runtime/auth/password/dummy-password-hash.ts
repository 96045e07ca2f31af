/** An Argon2id hash of a random password nobody knows, made with `argon2Options` (a test keeps them equal). */
export const dummyPasswordHash =
  '$argon2id$v=19$m=19456,t=2,p=1$diIOLNHUyCnQR3h2ZZSPRw$G1KCg2/XM4FpxH2g1s0hr0yByg5hyk/Y30u+5V1hehc';
