create sequence s increment 10 cache 20 cycle;
