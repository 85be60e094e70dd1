create sequence s start 100 increment 5;
